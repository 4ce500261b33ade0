package dev.nightshift.store;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.BeanUtils;
import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Rows as records: each component from the column of its name or its snake_case name
 * ({@code startedAt} from {@code started_at}), converted as Spring's {@code query(Record.class)}
 * converts it. Spring's own mapper asks the result set for the camelCase name first, and H2
 * answers each miss with an exception and its stack: reading a batch's build results cost more in
 * exceptions than in reading. Here the columns are matched once per result set, by their labels.
 */
public final class Rows<R extends Record> implements RowMapper<R> {

    private static final Map<Class<?>, Shape<?>> SHAPES = new ConcurrentHashMap<>();
    private static final ConversionService CONVERSIONS = DefaultConversionService.getSharedInstance();

    private final Shape<R> shape;
    /** The result set this mapper matched its columns in, and the column of each component. */
    private ResultSet matchedIn;
    private int[] columns;

    private Rows(Shape<R> shape) {
        this.shape = shape;
    }

    /** A mapper for one query: the record type's shape is looked at once, its columns once per query. */
    @SuppressWarnings("unchecked")
    public static <R extends Record> Rows<R> of(Class<R> type) {
        return new Rows<>((Shape<R>) SHAPES.computeIfAbsent(type, Shape::new));
    }

    @Override
    public R mapRow(ResultSet rs, int rowNumber) throws SQLException {
        if (matchedIn != rs) {
            columns = shape.columns(rs.getMetaData());
            matchedIn = rs;
        }
        Object[] args = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            Object value = JdbcUtils.getResultSetValue(rs, columns[i], shape.types[i].getType());
            args[i] = CONVERSIONS.convert(value, shape.types[i]);
        }
        return BeanUtils.instantiateClass(shape.constructor, args);
    }

    /** A record type's canonical constructor, and its components' names and types. */
    private static final class Shape<R extends Record> {

        final Class<R> type;
        final Constructor<R> constructor;
        final String[] names;
        final TypeDescriptor[] types;

        Shape(Class<?> raw) {
            @SuppressWarnings("unchecked")
            Class<R> type = (Class<R>) raw;
            this.type = type;
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] parameterTypes = new Class<?>[components.length];
            names = new String[components.length];
            for (int i = 0; i < components.length; i++) {
                parameterTypes[i] = components[i].getType();
                names[i] = components[i].getName();
            }
            try {
                constructor = type.getDeclaredConstructor(parameterTypes);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type + " has no canonical constructor", e);
            }
            ReflectionUtils.makeAccessible(constructor);
            types = new TypeDescriptor[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = new TypeDescriptor(new MethodParameter(constructor, i));
            }
        }

        int[] columns(ResultSetMetaData meta) throws SQLException {
            int[] columns = new int[names.length];
            for (int i = 0; i < names.length; i++) {
                columns[i] = column(meta, names[i]);
            }
            return columns;
        }

        private int column(ResultSetMetaData meta, String name) throws SQLException {
            String plain = name.toLowerCase(Locale.ROOT);
            String snake = JdbcUtils.convertPropertyNameToUnderscoreName(name);
            for (int column = 1; column <= meta.getColumnCount(); column++) {
                String label = JdbcUtils.lookupColumnName(meta, column).toLowerCase(Locale.ROOT);
                if (label.equals(plain) || label.equals(snake)) {
                    return column;
                }
            }
            throw new SQLException("no column " + snake + " for " + type.getSimpleName() + "." + name);
        }
    }
}
