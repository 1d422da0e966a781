package io.edgemqtt.impl.osgi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A small getopt for the shell commands: {@code spec} lists option letters, a ':' after one takes a value. */
final class CommandLine {
    final Map<Character, String> options = new HashMap<>();
    final List<String> arguments = new ArrayList<>();
    String error;

    static CommandLine parse(String[] args, String spec, int argumentCount, String usage) {
        CommandLine line = new CommandLine();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.length() == 2 && arg.charAt(0) == '-' && line.arguments.isEmpty()) {
                char letter = arg.charAt(1);
                int at = spec.indexOf(letter);
                if (at < 0) {
                    line.error = "unknown option " + arg + "; usage: " + usage;
                    return line;
                }
                boolean takesValue = at + 1 < spec.length() && spec.charAt(at + 1) == ':';
                if (takesValue) {
                    if (i + 1 >= args.length) {
                        line.error = "option " + arg + " needs a value; usage: " + usage;
                        return line;
                    }
                    line.options.put(letter, args[++i]);
                } else {
                    line.options.put(letter, "");
                }
            } else {
                line.arguments.add(arg);
            }
        }
        if (line.arguments.size() != argumentCount) {
            line.error = "usage: " + usage;
        }
        return line;
    }

    String option(char letter) {
        return options.get(letter);
    }

    boolean flag(char letter) {
        return options.containsKey(letter);
    }

    int intOption(char letter, int fallback) {
        String value = options.get(letter);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            error = "option -" + letter + " needs a number, got '" + value + "'";
            return fallback;
        }
    }
}
