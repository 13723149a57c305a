package org.qingfeng.monitors.stat;

import java.time.Instant;

/**
 * One access to data (interfaces.md §3): who, from where, with which account, what, when, how many rows.
 *
 * @param user the application user, when the source knows one
 * @param dbUser the database account
 * @param clientIp the client address as the server saw it
 * @param terminal a terminal or host name, when the source gives one
 * @param statement the SQL, or null for an API call
 * @param apiCall the API call, or null for SQL
 * @param rows rows returned or exported, or null when unknown
 * @param source where the event came from (pgaudit, mysql-audit-json, json-lines, api)
 */
public record DataAccessEvent(
        Instant time,
        String user,
        String dbUser,
        String clientIp,
        String terminal,
        String application,
        String statement,
        String apiCall,
        Long rows,
        String source) {}
