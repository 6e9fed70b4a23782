import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.LogManager;

import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * Starts the rapaio Java kernel (3.0.1) exactly as its MainApp does, minus its two start-up races.
 *
 * <p>The frequent one (about one start in four on a busy machine, "Kernel didn't respond in 60 seconds" with no
 * exception in the log): every channel's polling thread could end the moment it started, because 3.0.1's
 * {@code LoopThread.start()} sets its {@code running} flag only after {@code Thread.start()}. The corrected
 * {@link LoopThread} beside this class (same package and API) is put ahead of the kernel jar on the class path;
 * {@link #main} checks that it is the one loaded.
 *
 * <p>The other: rapaio's {@code Channels.connect} binds the sockets and starts the shell loop, then initialises JShell
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
        Path loop = Path.of(LoopThread.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path here = Path.of(ThermoLearnKernel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!loop.equals(here)) {
            throw new IllegalStateException("LoopThread was loaded from " + loop + ", not from " + here
                    + ": put " + here + " before the kernel jar in kernel.json's -cp (re-run notebooks/install-kernel.sh)");
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
