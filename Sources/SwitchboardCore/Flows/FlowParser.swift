import Crypto
import Foundation
import LooseJSON
import Yams

/// Turns a flow file into a ``Flow``, collecting every structural problem with its line and column.
///
/// Semantics that need the action catalog and event schemas (unknown actions, parameters, fields, type
/// mismatches) are checked afterwards by ``FlowLinter``; ``FlowLoader`` runs both.
public struct FlowParser {
    let document: YAMLDocument
    var diagnostics: [FlowDiagnostic] = []

    public static let topLevelKeys = ["name", "description", "enabled", "trigger", "when", "actions", "retry"]

    /// Parse `text` from `file`. Returns the flow (nil when it cannot be built at all) and the problems found.
    public static func parse(_ text: String, file: String) -> (Flow?, [FlowDiagnostic]) {
        let document: YAMLDocument
        do {
            document = try YAMLDocument(text: text, file: file)
        } catch {
            return (nil, [error])
        }
        var parser = FlowParser(document: document)
        let flow = parser.flow(version: SHA256.hash(data: Data(text.utf8)).prefix(8).map { String(format: "%02x", $0) }.joined())
        return (flow, parser.diagnostics)
    }

    mutating func flow(version: String) -> Flow? {
        guard let root = document.root else {
            diagnostics.append(FlowDiagnostic(SourceLocation(file: document.file, line: 1, column: 1), "the file is empty; a flow needs a trigger and actions"))
            return nil
        }
        guard let top = YAMLMapping(root, in: document, what: "a flow", into: &diagnostics) else { return nil }
        top.rejectUnknownKeys(Self.topLevelKeys, in: document, what: "a flow", into: &diagnostics)
        let fileName = ((document.file as NSString).lastPathComponent as NSString).deletingPathExtension
        let name = string(top["name"], what: "name") ?? fileName
        let retry = top["retry"].flatMap { retrySettings($0, base: .standard) } ?? .standard
        guard let triggerNode = top["trigger"] else {
            diagnostics.append(FlowDiagnostic(document.location(root), "a flow needs a \"trigger\" (\(FlowTrigger.names.joined(separator: ", ")))"))
            return nil
        }
        let trigger = self.trigger(triggerNode)
        var conditions: [Condition] = []
        if let when = top["when"] { conditions = conditionList(when) }
        guard let actionsNode = top["actions"] else {
            diagnostics.append(FlowDiagnostic(document.location(root), "a flow needs \"actions\": a list of steps"))
            return nil
        }
        let steps = self.steps(actionsNode, defaultRetry: retry)
        guard let trigger else { return nil }
        return Flow(name: name, description: string(top["description"], what: "description"), file: document.file,
                    enabled: top["enabled"].map { boolean($0, what: "enabled") ?? true } ?? true,
                    trigger: trigger, triggerLocation: document.location(triggerNode), conditions: conditions, steps: steps, retry: retry, version: version)
    }

    // MARK: Trigger

    mutating func trigger(_ node: Node) -> FlowTrigger? {
        guard let mapping = YAMLMapping(node, in: document, what: "trigger", into: &diagnostics) else { return nil }
        guard mapping.entries.count == 1, let entry = mapping.entries.first else {
            diagnostics.append(FlowDiagnostic(document.location(node), "trigger must name exactly one of \(FlowTrigger.names.joined(separator: ", "))"))
            return nil
        }
        switch entry.key {
        case let name where FlowTrigger.streamEvents[name] != nil:
            let allowed = FlowTrigger.streamEvents[name] ?? []
            guard let settings = YAMLMapping(entry.value, in: document, what: name, into: &diagnostics) else { return nil }
            settings.rejectUnknownKeys(name == "switchboard" ? ["events"] : ["connection", "events"], in: document, what: name, into: &diagnostics)
            guard let eventsNode = settings["events"] else {
                diagnostics.append(FlowDiagnostic(document.location(entry.value), "\(name) needs \"events\", e.g. [\(allowed.prefix(2).joined(separator: ", "))]"))
                return nil
            }
            var events: [String] = []
            for item in eventsNode.sequence.map(Array.init) ?? [eventsNode] {
                guard var event = item.scalar?.string else {
                    diagnostics.append(FlowDiagnostic(document.location(item), "events must be names such as \(allowed.first ?? "ticket.created")"))
                    continue
                }
                if event.hasPrefix("zen:event-type:") { event.removeFirst("zen:event-type:".count) }
                if allowed.contains(event) || event == "*" {
                    events.append(event)
                } else {
                    let hint = Suggestion.closest(to: event, among: allowed).map { " (did you mean \"\($0)\"?)" } ?? ""
                    diagnostics.append(FlowDiagnostic(document.location(item), "unknown \(name) event \"\(event)\"\(hint)"))
                }
            }
            return FlowTrigger.stream(name, connection: string(settings["connection"], what: "connection"), events: events)
        case "schedule":
            return schedule(entry.value).map(FlowTrigger.schedule)
        default:
            let hint = Suggestion.closest(to: entry.key, among: FlowTrigger.names).map { " (did you mean \"\($0)\"?)" } ?? ""
            diagnostics.append(FlowDiagnostic(document.location(entry.keyNode), "unknown trigger \"\(entry.key)\"\(hint); expected one of \(FlowTrigger.names.joined(separator: ", "))"))
            return nil
        }
    }

    mutating func schedule(_ node: Node) -> Schedule? {
        guard let settings = YAMLMapping(node, in: document, what: "schedule", into: &diagnostics) else { return nil }
        settings.rejectUnknownKeys(["every", "daily", "cron", "timezone"], in: document, what: "schedule", into: &diagnostics)
        let given = ["every", "daily", "cron"].filter { settings[$0] != nil }
        guard given.count == 1, let kind = given.first, let value = settings[kind] else {
            diagnostics.append(FlowDiagnostic(document.location(node), "schedule needs exactly one of every (e.g. 15m), daily (e.g. \"08:00\") or cron (e.g. \"0 8 * * 1-5\")"))
            return nil
        }
        var timeZone = TimeZone(identifier: "UTC")!
        if let zoneNode = settings["timezone"] {
            if let name = zoneNode.scalar?.string, let zone = TimeZone(identifier: name) {
                timeZone = zone
            } else {
                diagnostics.append(FlowDiagnostic(document.location(zoneNode), "unknown time zone \"\(zoneNode.scalar?.string ?? "")\"; use an IANA name such as Europe/London"))
            }
        }
        let text = value.scalar?.string ?? ""
        switch kind {
        case "every":
            guard let interval = DurationText.parse(text), interval >= .seconds(1) else {
                diagnostics.append(FlowDiagnostic(document.location(value), "every needs a duration of at least 1s, such as 30s, 15m or 1h; got \"\(text)\""))
                return nil
            }
            return Schedule(rule: .every(interval), timeZone: timeZone)
        case "daily":
            let parts = text.split(separator: ":").compactMap { Int($0) }
            guard parts.count == 2, (0...23).contains(parts[0]), (0...59).contains(parts[1]), text.count == 5 else {
                diagnostics.append(FlowDiagnostic(document.location(value), "daily needs a time as \"HH:MM\" (quoted), such as \"08:00\"; got \"\(text)\""))
                return nil
            }
            return Schedule(rule: .daily(hour: parts[0], minute: parts[1]), timeZone: timeZone)
        default:
            do {
                return Schedule(rule: .cron(try CronExpression(text)), timeZone: timeZone)
            } catch {
                diagnostics.append(FlowDiagnostic(document.location(value), error.description))
                return nil
            }
        }
    }
}
