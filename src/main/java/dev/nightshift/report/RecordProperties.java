package dev.nightshift.report;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import ognl.ObjectPropertyAccessor;
import ognl.OgnlException;
import ognl.OgnlRuntime;

/**
 * How the report's templates read a record's component ({@code ${r.batchId}}): through its
 * accessor, found once per record type. OGNL, Thymeleaf's expression language, looks for a
 * getter, finds none on a record, and then searches every method of the class on each read: a
 * report of 200 projects spent a third of its time there. Anything else goes the usual way. The
 * records read are the report's own model, made by nightshift.
 */
final class RecordProperties extends ObjectPropertyAccessor {

    private static final ClassValue<Map<String, Method>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            Map<String, Method> accessors = new HashMap<>();
            RecordComponent[] components = type.getRecordComponents();
            if (components != null) {
                for (RecordComponent component : components) {
                    Method accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    accessors.put(component.getName(), accessor);
                }
            }
            return accessors;
        }
    };

    private RecordProperties() {
    }

    /** OGNL keeps its accessors per JVM: registered once, by the renderer's class. */
    static void register() {
        OgnlRuntime.setPropertyAccessor(Record.class, new RecordProperties());
    }

    @Override
    public Object getProperty(Map context, Object target, Object name) throws OgnlException {
        if (target instanceof Record && name instanceof String property) {
            Method accessor = ACCESSORS.get(target.getClass()).get(property);
            if (accessor != null) {
                try {
                    return accessor.invoke(target);
                } catch (IllegalAccessException e) {
                    throw new OgnlException("cannot read " + property + " of " + target.getClass().getSimpleName(), e);
                } catch (InvocationTargetException e) {
                    throw new OgnlException("reading " + property + " of " + target.getClass().getSimpleName() + " failed",
                            e.getCause() instanceof Exception cause ? cause : e);
                }
            }
        }
        return super.getProperty(context, target, name);
    }
}
