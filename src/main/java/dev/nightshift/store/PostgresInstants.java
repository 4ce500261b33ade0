package dev.nightshift.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A PostgreSQL data source that speaks {@link Instant}. Every repository binds and reads times as
 * instants, which H2 takes as they are; the PostgreSQL driver refuses them ("Can't infer the SQL
 * type"). Here an instant is bound as an {@link OffsetDateTime} in UTC and read back from one, so
 * the repositories stay the same for both databases.
 */
final class PostgresInstants implements DataSource {

    private final DataSource target;

    PostgresInstants(DataSource target) {
        this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(Connection.class, target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(Connection.class, target.getConnection(username, password));
    }

    @SuppressWarnings("unchecked")
    private static <T> T wrap(Class<T> type, T delegate) {
        return (T) Proxy.newProxyInstance(PostgresInstants.class.getClassLoader(), new Class<?>[] {type},
                new Handler(delegate));
    }

    /** Converts instants on the way in and out, and wraps what a connection or statement hands out. */
    private record Handler(Object delegate) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (args != null && name.equals("setObject") && args.length >= 2 && args[1] instanceof Instant instant) {
                args[1] = OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
            }
            boolean readsInstant = name.equals("getObject") && args != null && args.length == 2 && args[1] == Instant.class;
            if (readsInstant) {
                args[1] = OffsetDateTime.class;
            }
            Object result;
            try {
                result = method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (readsInstant) {
                return result == null ? null : ((OffsetDateTime) result).toInstant();
            }
            if (result instanceof CallableStatement callable && method.getReturnType() == CallableStatement.class) {
                return wrap(CallableStatement.class, callable);
            }
            if (result instanceof PreparedStatement prepared && method.getReturnType() == PreparedStatement.class) {
                return wrap(PreparedStatement.class, prepared);
            }
            if (result instanceof Statement statement && method.getReturnType() == Statement.class) {
                return wrap(Statement.class, statement);
            }
            if (result instanceof ResultSet rows && method.getReturnType() == ResultSet.class) {
                return wrap(ResultSet.class, rows);
            }
            return result;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(target) ? iface.cast(target) : target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(target) || target.isWrapperFor(iface);
    }
}
