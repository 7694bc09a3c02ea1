package jp.ofuku.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import jp.ofuku.registry.SampleRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "samples", mixinStandardHelpOptions = true,
        description = "Write the fictional sample municipality (districts, sites, sessions, residents in UTF-8 and windows-31j).")
class SamplesCommand implements Callable<Integer> {

    @Option(names = "--out", defaultValue = "samples", description = "folder to write into (default: ${DEFAULT-VALUE})")
    private Path out;

    @Override
    public Integer call() throws Exception {
        SampleRegistry.write(out);
        System.out.println("Wrote the sample registry to " + out + "/");
        return 0;
    }
}
