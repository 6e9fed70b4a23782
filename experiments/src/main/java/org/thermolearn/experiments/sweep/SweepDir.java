package org.thermolearn.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The on-disk layout of a sweep, the only state shared between the submitting machine and the
 * workers (so nothing beyond the output root needs to be shared on a cluster):
 * <pre>
 * &lt;output&gt;/&lt;name&gt;/
 *   spec.json          the spec as given (JSON)
 *   plan.json          tasks: index, id, swept values
 *   tasks.txt          task ids, line i+1 = array index i (read by the sbatch script)
 *   configs/&lt;id&gt;.json  resolved run configuration of each task (passed to run --config)
 *   tasks/&lt;id&gt;/        the run directory of each task (run.json, metrics.arrow, status, …)
 *   state/&lt;id&gt;.json    attempts, last exit code and reason; state/&lt;id&gt;.lock held while a worker runs it
 *   logs/&lt;id&gt;.log      the worker JVM's output, all attempts appended
 *   slurm/             sbatch script, jvm.args, java, job ids, Slurm logs, copied class path (lib/)
 *   collected.arrow    the collected table; figures/ the cross-run figures
 * </pre>
 */
public final class SweepDir {

    private final Path dir;
    private final SweepSpec spec;
    private final List<SweepTask> tasks;

    private SweepDir(Path dir, SweepSpec spec, List<SweepTask> tasks) {
        this.dir = dir;
        this.spec = spec;
        this.tasks = tasks;
    }

    /** Writes (or refreshes) the sweep directory for a plan; finished task directories are kept. */
    public static SweepDir prepare(SweepPlan plan) {
        Path dir = plan.spec().sweepDir();
        try {
            for (String sub : List.of("configs", "tasks", "state", "logs")) Files.createDirectories(dir.resolve(sub));
            writeAtomically(dir.resolve("spec.json"), SweepSpec.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(plan.spec().source()));
            ArrayNode arr = SweepSpec.JSON.createArrayNode();
            StringBuilder list = new StringBuilder();
            for (SweepTask t : plan.tasks()) {
                ObjectNode o = arr.addObject();
                o.put("index", t.index());
                o.put("id", t.id());
                ObjectNode p = o.putObject("params");
                t.params().forEach(p::set);
                list.append(t.id()).append('\n');
                Path cfg = dir.resolve("configs").resolve(t.id() + ".json");
                writeAtomically(cfg, SweepSpec.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(t.config()));
            }
            writeAtomically(dir.resolve("plan.json"), SweepSpec.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(arr));
            writeAtomically(dir.resolve("tasks.txt"), list.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SweepException("cannot write sweep directory " + dir + ": " + e.getMessage() + "; check that the output root is writable", false);
        }
        return new SweepDir(dir, plan.spec(), plan.tasks());
    }

    /** Opens an existing sweep directory (or the directory of a spec file). */
    public static SweepDir open(Path path) {
        Path dir = path.toAbsolutePath().normalize();
        if (Files.isRegularFile(dir) && !dir.getFileName().toString().equals("spec.json")) {
            dir = SweepSpec.load(dir).sweepDir();
        } else if (Files.isRegularFile(dir)) {
            dir = dir.getParent();
        }
        if (!Files.isRegularFile(dir.resolve("plan.json")) || !Files.isRegularFile(dir.resolve("spec.json"))) {
            throw new SweepException(dir + " is not a sweep directory (no plan.json/spec.json); give the directory that 'sweep run' created, <output>/<name>");
        }
        try {
            JsonNode specTree = SweepSpec.JSON.readTree(dir.resolve("spec.json").toFile());
            SweepSpec spec = SweepSpec.parse((ObjectNode) specTree, dir.resolve("spec.json").toString());
            JsonNode plan = SweepSpec.JSON.readTree(dir.resolve("plan.json").toFile());
            List<SweepTask> tasks = new ArrayList<>();
            for (JsonNode t : plan) {
                String id = t.get("id").asText();
                if (!SweepTask.ID.matcher(id).matches()) throw new SweepException(dir + "/plan.json holds a malformed task id '" + id + "'");
                Map<String, JsonNode> params = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = t.get("params").fields(); it.hasNext(); ) {
                    var e = it.next();
                    params.put(e.getKey(), e.getValue());
                }
                Path cfg = dir.resolve("configs").resolve(id + ".json");
                ObjectNode config = Files.isRegularFile(cfg) ? (ObjectNode) SweepSpec.JSON.readTree(cfg.toFile()) : SweepSpec.JSON.createObjectNode();
                tasks.add(new SweepTask(t.get("index").asInt(), id, params, config));
            }
            return new SweepDir(dir, spec, List.copyOf(tasks));
        } catch (IOException e) {
            throw new SweepException("cannot read sweep directory " + dir + ": " + e.getMessage());
        }
    }

    public Path path() { return dir; }

    public SweepSpec spec() { return spec; }

    public List<SweepTask> tasks() { return tasks; }

    /** The task with this id. */
    public SweepTask task(String id) {
        for (SweepTask t : tasks) if (t.id().equals(id)) return t;
        throw new SweepException("task " + id + " is not in the plan of " + dir);
    }

    public Path configFile(String id) { return dir.resolve("configs").resolve(id + ".json"); }

    public Path taskDir(String id) { return dir.resolve("tasks").resolve(id); }

    public Path logFile(String id) { return dir.resolve("logs").resolve(id + ".log"); }

    public Path stateFile(String id) { return dir.resolve("state").resolve(id + ".json"); }

    public Path lockFile(String id) { return dir.resolve("state").resolve(id + ".lock"); }

    public Path cancelFile() { return dir.resolve("cancelled"); }

    public Path slurmDir() { return dir.resolve("slurm"); }

    /** The run's status file content (trimmed), or null when absent. */
    public String runStatus(String id) {
        Path f = taskDir(id).resolve("status");
        try {
            return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    public boolean isDone(String id) { return "done".equals(runStatus(id)); }

    /**
     * Done, and its final figures complete: a worker killed while drawing them (after the status
     * became {@code done}) leaves {@code figures/*.tmp}; such a task is resumed, which removes the
     * temporary files and draws the figures again.
     */
    public boolean isFinished(String id) {
        if (!isDone(id)) return false;
        Path figures = taskDir(id).resolve("figures");
        if (!Files.isDirectory(figures)) return true;
        try (java.util.stream.Stream<Path> s = Files.list(figures)) {
            return s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp"));
        } catch (IOException e) {
            return true; // unreadable figures: the records decide, collect reports the rest
        }
    }

    /** Attempt bookkeeping of a task. */
    public record TaskState(int attempts, int lastExit, String lastReason, boolean permanent) {
        public static final TaskState NEW = new TaskState(0, 0, "", false);
    }

    public TaskState state(String id) {
        Path f = stateFile(id);
        if (!Files.isRegularFile(f)) return TaskState.NEW;
        try {
            JsonNode n = SweepSpec.JSON.readTree(f.toFile());
            return new TaskState(n.path("attempts").asInt(0), n.path("lastExit").asInt(0), n.path("lastReason").asText(""),
                    n.path("permanent").asBoolean(false));
        } catch (IOException e) {
            return TaskState.NEW;
        }
    }

    public void writeState(String id, TaskState s) {
        ObjectNode n = SweepSpec.JSON.createObjectNode();
        n.put("attempts", s.attempts());
        n.put("lastExit", s.lastExit());
        n.put("lastReason", s.lastReason());
        n.put("permanent", s.permanent());
        try {
            writeAtomically(stateFile(id), SweepSpec.JSON.writeValueAsBytes(n));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes through a temporary file and an atomic rename, so readers never see half a file. */
    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp" + ProcessHandle.current().pid());
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
