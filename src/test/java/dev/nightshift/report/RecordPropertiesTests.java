package dev.nightshift.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import ognl.OgnlRuntime;
import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

class RecordPropertiesTests {

    record Project(String name, int specs, Spec next) {
        public String label() {
            return "project " + name;
        }
    }

    record Spec(String title) {
    }

    /** A class with a getter, read the usual way. */
    public static final class Bean {
        public String getKind() {
            return "bean";
        }
    }

    @Test
    void templatesReadRecordComponentsNestedRecordsOtherMethodsAndBeansAsBefore() throws Exception {
        new ReportRenderer();
        TemplateEngine engine = new TemplateEngine();
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.TEXT);
        engine.setTemplateResolver(resolver);
        Context context = new Context();
        context.setVariable("projects", List.of(new Project("shop", 3, new Spec("Billing")), new Project("web", 0, null)));
        context.setVariable("bean", new Bean());
        context.setVariable("map", Map.of("key", "value"));

        String out = engine.process("[# th:each=\"p : ${projects}\"][(${p.name})]:[(${p.specs})]:"
                + "[(${p.next != null ? p.next.title : ''})]:[(${p.label()})];[/][(${bean.kind})] [(${map.key})]", context);

        assertThat(out).isEqualTo("shop:3:Billing:project shop;web:0::project web;bean value");
        assertThat(OgnlRuntime.getPropertyAccessor(Project.class)).as("records are read through their accessors")
                .isInstanceOf(RecordProperties.class);
        assertThat(OgnlRuntime.getPropertyAccessor(Bean.class)).isNotInstanceOf(RecordProperties.class);
    }
}
