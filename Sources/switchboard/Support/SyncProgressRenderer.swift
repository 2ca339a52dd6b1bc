import ConnectorKit
import Foundation
import Synchronization
import SwitchboardEngine

/// Shows a sync pass as it happens.
///
/// On a terminal: one live line per stream with a bar, records, pages, rate, ETA and any rate-limit pause,
/// redrawn twice a second, then a final line when the stream ends. Elsewhere (a log file, CI): plain
/// timestamped lines, at most one progress line every few seconds per stream, plus every pause and retry.
final class SyncProgressRenderer: Sendable {
    private struct State {
        var stream: MirrorStream?
        var mode: SyncMode = .backfill
        var progress: StreamProgress?
        var pausedUntil: ContinuousClock.Instant?
        var pauseReason = ""
        var pauses = 0
        var lastLogLine: ContinuousClock.Instant?
    }

    private let interactive: Bool
    private let state = Mutex(State())
    private let ticker = Mutex<Task<Void, Never>?>(nil)

    init(interactive: Bool) {
        self.interactive = interactive
        if interactive {
            let task = Task { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(500))
                    self?.redraw()
                }
            }
            ticker.withLock { $0 = task }
        }
    }

    /// Stop redrawing and clear a half-drawn line, so whatever is printed next starts clean.
    func finish() {
        let wasRunning = ticker.withLock { task -> Bool in
            defer { task?.cancel(); task = nil }
            return task != nil
        }
        if wasRunning, state.withLock({ $0.stream != nil }) { clearLine() }
    }

    func handle(_ event: MirrorSyncEvent) {
        switch event {
        case .streamStarted(let stream, let mode):
            state.withLock { $0 = State(stream: stream, mode: mode) }
            if !interactive { log("\(stream.rawValue): \(mode == .backfill ? "importing history" : "fetching changes")") }
            redraw()
        case .pageIngested(_, let progress):
            let shouldLog = state.withLock { state -> Bool in
                state.progress = progress
                if let until = state.pausedUntil, until <= .now { state.pausedUntil = nil }
                guard !interactive else { return false }
                if let last = state.lastLogLine, ContinuousClock.now - last < .seconds(3) { return false }
                state.lastLogLine = .now
                return true
            }
            if shouldLog, let stream = currentStream { log(progressText(stream: stream, progress)) }
            redraw()
        case .rateLimitPause(let pause):
            state.withLock {
                $0.pausedUntil = .now.advanced(by: pause.duration)
                $0.pauseReason = "\(pause.budget) \(pause.reason.rawValue)"
                $0.pauses += 1
            }
            if !interactive { log("rate limit: pausing \(String(format: "%.1f", pause.duration.seconds)) s (\(pause.budget) \(pause.reason.rawValue))") }
            redraw()
        case .retrying(let request, let attempt, let reason):
            if interactive {
                clearLine()
                Output.error("  retrying \(request) (attempt \(attempt)): \(reason)")
                redraw()
            } else {
                log("retrying \(request) (attempt \(attempt)): \(reason)")
            }
        case .streamFinished(let stream, let summary):
            let line = "\(stream.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \(Output.count(summary.records)) records in \(String(format: "%.1f", summary.seconds)) s"
                + " (\(Output.count(summary.inserted)) new, \(Output.count(summary.updated)) changed, \(summary.pages) page\(summary.pages == 1 ? "" : "s")"
                + (summary.quarantined > 0 ? ", \(summary.quarantined) quarantined" : "") + ")"
            state.withLock { $0.stream = nil; $0.progress = nil; $0.pausedUntil = nil }
            if interactive {
                clearLine()
                Output.error("  ✓ " + line)
            } else {
                log("done: " + line)
            }
        }
    }

    private var currentStream: MirrorStream? { state.withLock { $0.stream } }

    private func progressText(stream: MirrorStream, _ progress: StreamProgress) -> String {
        var parts = ["\(Output.count(progress.records)) records", "\(progress.pages) page\(progress.pages == 1 ? "" : "s")",
                     "\(Output.count(Int(progress.recordsPerSecond)))/s"]
        if let fraction = progress.fraction { parts.append("\(Int(fraction * 100))%") }
        if let eta = progress.etaSeconds { parts.append("ETA \(Output.duration(eta))") }
        if progress.quarantined > 0 { parts.append("\(progress.quarantined) quarantined") }
        return "\(stream.rawValue): " + parts.joined(separator: ", ")
    }

    private func redraw() {
        guard interactive else { return }
        let snapshot = state.withLock { $0 }
        guard let stream = snapshot.stream else { return }
        let progress = snapshot.progress ?? StreamProgress(records: 0, pages: 0, quarantined: 0, elapsedSeconds: 0, fraction: nil)
        let width = 24
        let fraction = progress.fraction ?? 0
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        var text = "  \(stream.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)) \(bar) \(progress.fraction.map { String(format: "%3d%%", Int($0 * 100)) } ?? "  …")"
        text += "  \(Output.count(progress.records)) records · \(progress.pages) page\(progress.pages == 1 ? "" : "s") · \(Output.count(Int(progress.recordsPerSecond)))/s"
        if let eta = progress.etaSeconds { text += " · ETA \(Output.duration(eta))" }
        if let until = snapshot.pausedUntil, until > .now {
            text += " · paused \(Int(ContinuousClock.now.duration(to: until).seconds.rounded(.up))) s (\(snapshot.pauseReason))"
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + text).utf8))
    }

    private func clearLine() {
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }

    private func log(_ text: String) {
        Output.error("\(LenientDate.format(Date())) sync \(text)")
    }
}
