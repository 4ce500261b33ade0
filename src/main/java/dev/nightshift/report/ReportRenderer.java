package dev.nightshift.report;

import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.unbescape.html.HtmlEscape;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Lays a report out as HTML (inline styles, no scripts, no external images: it must render in
 * mail clients) and as plain text with the same facts. A pure function of the model; Thymeleaf
 * escapes every value, whatever an agent, a test or a repository put into it.
 *
 * <p>Loading this class registers {@link RecordProperties} with OGNL for the whole JVM (OGNL
 * keeps its property accessors globally): every template reads a record's components through it.
 */
@Component
public class ReportRenderer {

    static {
        // Before any engine exists: the templates read records from their first report on.
        RecordProperties.register();
    }

    private final TemplateEngine html = engine(TemplateMode.HTML, ".html");
    private final TemplateEngine text = engine(TemplateMode.TEXT, ".txt");

    public ReportRenderer() {
        // The engines set themselves up at their first report: on a spare core while the batch's
        // first phases run instead (the HTML escaper's table of entities alone takes a tenth of a second).
        Thread warmUp = new Thread(() -> {
            html.getConfiguration();
            text.getConfiguration();
            HtmlEscape.escapeHtml5("&");
        }, "report-warm-up");
        warmUp.setDaemon(true);
        warmUp.setPriority(Thread.MIN_PRIORITY);
        warmUp.start();
    }

    public String html(ReportModel model) {
        return html.process("report", context(model));
    }

    public String text(ReportModel model) {
        return text.process("report", context(model));
    }

    private static Context context(ReportModel model) {
        Context context = new Context();
        context.setVariable("r", model);
        return context;
    }

    private static TemplateEngine engine(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
