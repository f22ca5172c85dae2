// swift-dspy-worker: the process that loads compiled cells and runs them, so that a crashing cell takes down
// this process and not the kernel. The host talks to it over a socket on file descriptor 3 (see
// `HostMessage`/`WorkerMessage`); fds 1 and 2 are pipes the host streams to the frontend.
import CellRuntime
import DSPy
import Dispatch
import Foundation
import MCP
import SQLToolkit

// Threads inherit the signal mask, so blocking SIGINT first leaves it to the interrupt thread alone.
InterruptListener.blockInterruptSignal()
ThreadParking.install()
// Cell output must reach the host's pipes as it happens (line by line), not when a buffer fills.
StandardStreams.configure()
StandardStreams.flushPeriodically()

let channel = WorkerChannel(fd: 3)
let runner = CellRunner()
CellSession.sink = WorkerOutputSink(channel: channel)
CellEntry.install(runner: { body in runner.run(body) })
Presentation.install(JupyterPresenter())
InterruptListener.start { runner.interrupt() }
ParentWatch.start()

// Requests are served on their own thread so that the main thread can serve the main actor, which cells may
// use: the main run loop drains the main dispatch queue on the main thread (`dispatchMain()` would leave it to
// another thread on Linux).
Thread.detachNewThread {
    RequestLoop(channel: channel, runner: runner).serve()
    exit(0)
}
while true {
    RunLoop.main.run()
}
