package org.qingfeng.app;

import org.qingfeng.connectors.tool.MllpSender;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Qingfeng (清风): hospital integrity monitor. {@code java -jar qingfeng.jar} starts the server; {@code java -jar
 * qingfeng.jar send --host … --port … --file …} is the MLLP sender for interface engineers.
 */
@SpringBootApplication
public class QingfengApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("send")) {
            // A command-line tool: its output is the ACKs, for the person who ran it.
            System.exit(new MllpSender(System.out).run(args));
        }
        SpringApplication.run(QingfengApplication.class, args);
    }
}
