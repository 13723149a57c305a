package org.qingfeng.monitors.pattern;

import java.util.Arrays;

/** Median, MAD and the robust z-score the peer comparison uses. */
public final class RobustStats {

    /** Makes the MAD a consistent estimator of the standard deviation for normal data. */
    static final double MAD_SCALE = 1.4826;
    /** Makes the mean absolute deviation one of the standard deviation for normal data. */
    static final double MEAN_AD_SCALE = 1.2533;

    private RobustStats() {}

    /** Centre and spread of a sample; {@code scale} is 0 when the sample has no spread at all. */
    public record Spread(double median, double mad, double scale) {
        /** (value − median) / scale, or positive infinity above a sample without spread. */
        public double z(double value) {
            if (scale > 0) {
                return (value - median) / scale;
            }
            return value > median ? Double.POSITIVE_INFINITY : 0;
        }
    }

    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    /**
     * Median and MAD; the scale is 1.4826 × MAD, or, when more than half the values are equal (MAD 0), 1.2533 × the
     * mean absolute deviation from the median (the usual fallback).
     */
    public static Spread spread(double[] values) {
        double median = median(values);
        double[] deviations = new double[values.length];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            deviations[i] = Math.abs(values[i] - median);
            sum += deviations[i];
        }
        double mad = median(deviations);
        double scale = mad > 0 ? MAD_SCALE * mad : MEAN_AD_SCALE * sum / values.length;
        return new Spread(median, mad, scale);
    }
}
