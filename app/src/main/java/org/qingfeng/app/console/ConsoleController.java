package org.qingfeng.app.console;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.qingfeng.app.alert.Alert;
import org.qingfeng.app.alert.AlertAccess;
import org.qingfeng.app.alert.AlertQuery;
import org.qingfeng.app.alert.AlertRepository;
import org.qingfeng.app.alert.AlertStatus;
import org.qingfeng.monitors.finding.Inbox;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Server-rendered console pages: login and the pharmacy inbox of open alerts. */
@Controller
public class ConsoleController {

    private final AlertRepository alerts;
    private final ZoneId zone;

    public ConsoleController(AlertRepository alerts, @Value("${qingfeng.time-zone:Asia/Shanghai}") String zone) {
        this.alerts = alerts;
        this.zone = ZoneId.of(zone);
    }

    @GetMapping("/login")
    public String login() {
        return "login";
    }

    @GetMapping("/")
    public String home() {
        return "redirect:/console/inbox";
    }

    @GetMapping("/console/inbox")
    public String inbox(
            @RequestParam(defaultValue = "PHARMACY") Inbox inbox,
            @RequestParam(required = false) String rule,
            Model model,
            Authentication user) {
        Set<Inbox> readable = AlertAccess.readable(user);
        List<Alert> open = List.of();
        if (readable.contains(inbox)) {
            List<Alert> fresh =
                    alerts.list(new AlertQuery(rule, AlertStatus.NEW, null, null, Set.of(inbox), null, 200));
            List<Alert> seen =
                    alerts.list(new AlertQuery(rule, AlertStatus.ACKNOWLEDGED, null, null, Set.of(inbox), null, 200));
            open = new java.util.ArrayList<>(fresh);
            open.addAll(seen);
        }
        model.addAttribute("alerts", open);
        model.addAttribute("zone", zone);
        model.addAttribute("inbox", inbox);
        model.addAttribute("readable", readable);
        model.addAttribute("user", user.getName());
        model.addAttribute("allowed", readable.contains(inbox));
        return "inbox";
    }
}
