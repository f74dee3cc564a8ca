package org.vatools.repotools.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.vatools.core.ApplianceException;
import org.vatools.core.ExitCode;
import org.vatools.repotools.serve.PreviewServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code repo-tools serve --repo DIR}: a preview web server for a repository; runs until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves a repository over HTTP for a preview or a test: GET and HEAD, no folder listings,"
                + " nothing outside the repository and nothing under .vatools/. Prints the URL, then runs until"
                + " stopped (Ctrl-C, kill).",
            "For production, serve the folder with a real web server (docs/reference/repository.md has an nginx"
                + " configuration)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {" 4:the address cannot be bound", "11:no such repository folder"})
public final class ServeCommand implements Callable<Integer>, GlobalOptions.Aware {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Option(names = "--repo", required = true, paramLabel = "DIR", description = "The repository folder.")
    Path repo;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one and prints it).")
    int port;

    @Override
    public GlobalOptions global() {
        return global;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Files.isDirectory(repo)) {
            throw new ApplianceException(ExitCode.NOT_FOUND, repo + ": no such repository folder");
        }
        PrintWriter out = spec.commandLine().getOut();
        PreviewServer server;
        try {
            server = PreviewServer.start(repo, bind, port, line -> {
                if (global.verbose) {
                    synchronized (out) {
                        out.println(line);
                        out.flush();
                    }
                }
            });
        } catch (java.net.BindException e) {
            throw new ApplianceException(ExitCode.ENVIRONMENT, bind + ":" + port + ": cannot listen there ("
                    + e.getMessage() + "); choose another --port", e);
        }
        synchronized (out) {
            out.println("Serving " + repo.toAbsolutePath() + " at " + server.url() + " (stop with Ctrl-C)");
            out.flush();
        }
        new CountDownLatch(1).await();
        return ExitCode.OK.code();
    }
}
