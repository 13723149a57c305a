package org.qingfeng.app.console;

import jakarta.servlet.http.HttpServletRequest;
import org.qingfeng.app.alert.AlertAccess;
import org.qingfeng.monitors.finding.Inbox;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** What the console header shows (fragments/layout.html): the user, the pages their roles open, the language switch. */
@ControllerAdvice(assignableTypes = {ConsoleController.class, PatternConsoleController.class})
public class ConsoleNavigation {

    /**
     * @param languageUrl this page again in the other language (the same query, {@code lang} replaced)
     */
    public record Nav(String user, boolean ledger, boolean reports, String languageUrl) {}

    @ModelAttribute("nav")
    public Nav nav(Authentication user, HttpServletRequest request, java.util.Locale locale) {
        String other = "en".equals(locale.getLanguage()) ? "zh_CN" : "en";
        String languageUrl = UriComponentsBuilder.fromPath(request.getRequestURI())
                .query(request.getQueryString())
                .replaceQueryParam("lang", other)
                .build()
                .toUriString();
        if (user == null) {
            return new Nav(null, false, false, languageUrl);
        }
        return new Nav(
                user.getName(),
                AlertAccess.readable(user).contains(Inbox.DISCIPLINE),
                AlertAccess.has(user, "DISCIPLINE") || AlertAccess.has(user, "PHARMACIST"),
                languageUrl);
    }
}
