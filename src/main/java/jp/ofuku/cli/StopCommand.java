package jp.ofuku.cli;

import java.util.concurrent.Callable;

import jp.ofuku.nightly.Nightly;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Asks a running run to stop: it stops when the step it is in ends (for the nightly, the stage), keeping",
                "everything done so far; carry it on later with scripts/ofuku restart. With the embedded database, the running",
                "command owns the database: stop it from the web console (serve), or press Ctrl-C where it runs (or kill -TERM",
                "PID): it stops at the end of its current step, and restart carries it on."},
        footer = {"", "Example:", "  scripts/ofuku stop 42"})
class StopCommand implements Callable<Integer> {

    @ParentCommand
    OfukuCommand ofuku;

    @Parameters(paramLabel = "EXECUTION_ID", description = "the run to stop")
    long executionId;

    @Override
    public Integer call() throws Exception {
        ofuku.bean(jp.ofuku.ops.RunControl.class).stop(executionId);
        System.out.println("Run " + executionId + " asked to stop: it stops when its current step ends."
                + " Carry it on later with: scripts/ofuku restart " + executionId);
        return 0;
    }
}
