import Foundation
import SwitchboardEngine
import SwitchboardStore

/// The human-readable summary of a sync pass.
enum SummaryPrinter {
    static func text(_ summary: MirrorSyncSummary) -> String {
        var lines: [String] = []
        let incremental = summary.streams.allSatisfy { $0.mode == .incremental }
        lines.append("Zendesk mirror \"\(summary.connection)\": \(incremental ? "incremental pass" : "backfill") finished in \(String(format: "%.1f", summary.seconds)) s")
        lines.append(Output.table(summary.streams.map { stream in
            [stream.stream.rawValue, "\(Output.count(stream.records)) received", "\(Output.count(stream.inserted)) new", "\(Output.count(stream.updated)) changed",
             "\(stream.pages) page\(stream.pages == 1 ? "" : "s")", stream.quarantined > 0 ? "\(stream.quarantined) quarantined" : ""]
        }))
        for (name, limits) in summary.rateLimits.sorted(by: { $0.key < $1.key }) where limits.requests > 0 {
            var text = "  \(name) budget: \(limits.requests) request\(limits.requests == 1 ? "" : "s")"
            if limits.pauses > 0 { text += ", paused \(limits.pauses)× for \(String(format: "%.1f", limits.pausedSeconds)) s" }
            if limits.rateLimitedResponses > 0 { text += ", \(limits.rateLimitedResponses) × 429" }
            lines.append(text)
        }
        if summary.retries > 0 { lines.append("  retried \(summary.retries) failed request\(summary.retries == 1 ? "" : "s")") }
        if summary.quarantined > 0 {
            lines.append("  \(summary.quarantined) record\(summary.quarantined == 1 ? "" : "s") could not be read and were quarantined: switchboard mirror quarantine")
        }
        if let customers = summary.customers {
            if customers.customers == 0 {
                lines.append("  customers: none defined yet, so organizations were not matched (switchboard customers add NAME --domain DOMAIN)")
            } else {
                let linked = customers.linkedByName + customers.linkedByDomain + customers.linkedByEmailDomain + customers.manual
                lines.append("  customers: \(linked) of \(customers.organizations) organizations linked (\(customers.linkedByName) by name, \(customers.linkedByDomain) by domain, "
                             + "\(customers.linkedByEmailDomain) by users' email domain, \(customers.manual) by hand); \(customers.ambiguous) ambiguous, \(customers.unmatched) unmatched")
            }
        }
        let m = summary.mirror
        lines.append("Mirror: \(Output.count(m.tickets)) tickets, \(Output.count(m.comments)) comments, \(Output.count(m.users)) users, "
                     + "\(Output.count(m.organizations)) organizations, \(Output.count(m.tags)) tags")
        return lines.joined(separator: "\n")
    }

    /// `{"tickets":N,"comments":N,"users":N,"organizations":N,"tags":N}` in exactly that order.
    static func statsJSON(_ stats: MirrorStats) -> String {
        "{\"tickets\":\(stats.tickets),\"comments\":\(stats.comments),\"users\":\(stats.users),\"organizations\":\(stats.organizations),\"tags\":\(stats.tags)}"
    }
}
