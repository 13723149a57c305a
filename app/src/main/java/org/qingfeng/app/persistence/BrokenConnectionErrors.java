package org.qingfeng.app.persistence;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells the connection pool which errors mean "this connection is dead": H2 reports a lost server with its own
 * codes rather than the 08xxx SQL states the pool knows, so without this the pool would keep handing out dead
 * connections after the database came back.
 */
public class BrokenConnectionErrors implements SQLExceptionOverride {

    /** H2: connection broken (90067), database closed (90121), database closed by another (90098), remote refused (90117). */
    private static final Set<Integer> H2_DEAD = Set.of(90067, 90121, 90098, 90117);

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && H2_DEAD.contains(sql.getErrorCode())) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }
}
