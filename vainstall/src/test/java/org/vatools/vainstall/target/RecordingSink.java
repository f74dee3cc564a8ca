package org.vatools.vainstall.target;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A progress sink that keeps what it was told, for assertions. */
final class RecordingSink implements ProgressSink {
    final List<Command> commands = Collections.synchronizedList(new ArrayList<>());
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void command(Command command) {
        commands.add(command);
    }

    @Override
    public void output(String line) {
        lines.add(line);
    }
}
