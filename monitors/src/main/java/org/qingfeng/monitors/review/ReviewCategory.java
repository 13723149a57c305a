package org.qingfeng.monitors.review;

/** Categories of an irrational prescription (医院处方点评管理规范（试行） §17–19). */
public enum ReviewCategory {
    /** 超常处方: no indication, a drug without need, a very expensive choice without need, duplicate therapy … */
    EXCESSIVE,
    /** 用药不适宜处方: indication, dose, route, interaction or duplicate therapy not appropriate */
    INAPPROPRIATE,
    /** 不规范处方: incomplete or illegible, over the days or items allowed, missing signatures … */
    NONSTANDARD
}
