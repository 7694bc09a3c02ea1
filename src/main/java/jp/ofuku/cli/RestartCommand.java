package jp.ofuku.cli;

import java.util.concurrent.Callable;

import jp.ofuku.nightly.Nightly;
import jp.ofuku.nightly.NightlySummary;
import jp.ofuku.ops.JobOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "restart", mixinStandardHelpOptions = true,
        description = {"Carries on a run that failed, was stopped, or was killed (found and marked failed first), where it stopped:",
                "finished steps are not repeated. Run ids are in scripts/ofuku status."},
        footer = {"", "Example:", "  scripts/ofuku restart 42"})
class RestartCommand implements Callable<Integer> {

    @ParentCommand
    OfukuCommand ofuku;

    @Parameters(paramLabel = "EXECUTION_ID", description = "the run to carry on")
    long executionId;

    @Override
    public Integer call() throws Exception {
        JobOutcome o = ofuku.bean(jp.ofuku.ops.RunControl.class).restart(executionId);
        System.out.println("Run " + executionId + " carried on as run " + o.executionId() + ": " + (o.completed() ? "done" : "not finished"));
        if (o.counts().keySet().stream().anyMatch(k -> k.startsWith("allocate."))) {
            NightlySummary.lines(o).forEach(System.out::println);
        } else {
            o.counts().forEach((k, v) -> System.out.println("  " + k + ": " + v));
        }
        if (!o.completed()) {
            throw new OfukuCommand.UserError("run " + o.executionId() + " did not finish: " + o.failure()
                    + "; fix the cause, then: scripts/ofuku restart " + o.executionId());
        }
        return 0;
    }
}
