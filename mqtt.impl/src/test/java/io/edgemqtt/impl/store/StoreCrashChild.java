package io.edgemqtt.impl.store;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link FileSessionStoreCrashTest}: opens the store and runs the {@link CrashSchedule} until
 * it is killed, printing {@code <k> .} after operation k returned. The trailing dot tells a whole line from one cut
 * short by the kill.
 */
public final class StoreCrashChild {
    private StoreCrashChild() {}

    public static void main(String[] args) throws Exception {
        FileSessionStore.Options options = FileSessionStore.Options.defaults().compactWhenLargerThan(32 * 1024, 3);
        FileSessionStore store = FileSessionStore.open(Path.of(args[0]), args[1], options);
        for (long k = 0; ; k++) {
            CrashSchedule.apply(k, store);
            System.out.println(k + " .");
            System.out.flush();
        }
    }
}
