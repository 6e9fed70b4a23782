import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.LogManager;

import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * Starts the rapaio Java kernel (3.0.1) exactly as its MainApp does, minus a start-up race.
 *
 * <p>rapaio's {@code Channels.connect} binds the sockets and starts the shell loop, then initialises JShell
 * (seconds on a busy machine), and only then creates its message-handler map. Jupyter sends
 * {@code kernel_info_request} as soon as it connects; a request that arrives in that window hits the still-null
 * map, the shell thread dies with a NullPointerException and the kernel never answers ("Kernel didn't respond").
 * Here the map starts out as a stand-in whose lookups wait until {@code connect} has installed the real map,
 * so early requests are simply answered late. Any other arguments (e.g. the installer's) go to MainApp.
 * Compiled by notebooks/install-kernel.sh against the kernel jar.
 */
public final class ThermoLearnKernel {

    private ThermoLearnKernel() { }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || args[0].startsWith("-")) {
            MainApp.main(args);
            return;
        }
        LogManager.getLogManager().readConfiguration(MainApp.class.getClassLoader().getResourceAsStream("logging.properties"));
        Path file = Path.of(args[0]);
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("connection file " + file + " does not exist");
        ConnectionProperties props = Transform.fromJson(Files.readString(file), ConnectionProperties.class);
        Channels channels = new Channels(props);
        Field handlers = Channels.class.getDeclaredField("handlers");
        handlers.setAccessible(true);
        handlers.set(channels, new WaitForHandlers(channels, handlers));
        channels.connect(MainApp.kernel);
        channels.joinUntilClose();
    }

    /** Stands in for the handler map until connect() replaces it; lookups wait for the real map (10 minutes at most). */
    private static final class WaitForHandlers extends AbstractMap<Object, Object> {
        private final Channels channels;
        private final Field field;

        WaitForHandlers(Channels channels, Field field) {
            this.channels = channels;
            this.field = field;
        }

        @Override
        public Object get(Object key) {
            long deadline = System.nanoTime() + 600_000_000_000L;
            try {
                while (true) {
                    Object now = field.get(channels);
                    if (now != this && now != null) return ((Map<?, ?>) now).get(key);
                    if (System.nanoTime() > deadline) return null;
                    Thread.sleep(10);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() { return Set.of(); }
    }
}
