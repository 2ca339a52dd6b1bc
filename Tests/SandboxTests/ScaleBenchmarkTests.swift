import Foundation
import Testing
@testable import Sandbox

/// Full exports of a 100,000-ticket dataset over HTTP. Opt-in (`SANDBOX_SCALE=1 swift test -c release
/// --filter ScaleBenchmarkTests`) because it takes a while in debug builds; prints timings and peak memory.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SANDBOX_SCALE"] != nil))
struct ScaleBenchmarkTests {
    @Test func full_exports_of_100k_tickets() async throws {
        try await SandboxHarness.with(ticketCount: 100_000) { harness in
            let walker = ExportWalker(harness: harness)
            let clock = ContinuousClock()
            var started = clock.now
            let (tickets, _) = try await walker.cursorExport(
                "/api/v2/incremental/tickets/cursor.json?start_time=0", key: "tickets")
            let ticketTime = clock.now - started
            #expect(tickets.count == 100_000)

            started = clock.now
            let (pages, _) = try await walker.timeExport(
                "/api/v2/incremental/ticket_events.json?start_time=0&include=comment_events", key: "ticket_events")
            let eventTime = clock.now - started
            let comments = pages.joined().reduce(0) { total, event in
                total + event.at("child_events").array.filter { $0.at("event_type").string == "Comment" }.count
            }
            #expect(comments == harness.sandbox.commentCount())
            print("tickets: \(ticketTime), ticket_events (\(comments) comments): \(eventTime), peak RSS: \(Self.peakMemory())")
        }
    }

    static func peakMemory() -> String {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        return status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }.map(String.init) ?? "unknown"
    }
}
