import Foundation
import LooseJSON
import SwitchboardStore

/// `switchboard.launch_digest`: read-only; the launches within N days as a digest with a forecast.
struct LaunchDigestAction: FlowAction {
    let name = "switchboard.launch_digest"
    let hasSideEffects = false

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let days = Int(try input.optionalInteger("days") ?? 30)
        let today = ActionContext.isoDay(daysFromNow: 0)
        let launches = try await LaunchPlanner(store: context.store).launches(days: days, today: today)
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let week = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: Date())
        return .object([
            "count": .number(Double(launches.count)), "digest": .string(LaunchPlanner.digest(launches, days: days)),
            "titles": .array(launches.map { .string($0.work.title) }), "isbns": .array(launches.flatMap { $0.products.compactMap(\.isbn13) }.map(JSONValue.string)),
            "week": .string(String(format: "%04d-W%02d", week.yearForWeekOfYear ?? 0, week.weekOfYear ?? 0)),
            "forecast_total": .number(Double(launches.reduce(0) { $0 + $1.forecast })),
        ])
    }
}

/// `zendesk.upsert_launch_macros`: a macro per launching title ("Launch: <title>"), created or brought up to date.
struct UpsertLaunchMacrosAction: FlowAction {
    let name = "zendesk.upsert_launch_macros"

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let client = try await context.zendeskClient(for: input)
        let days = Int(try input.optionalInteger("days") ?? 30)
        let launches = try await LaunchPlanner(store: context.store).launches(days: days, today: ActionContext.isoDay(daysFromNow: 0))
        var created = 0, updated = 0
        var ids: [Int64] = []
        for launch in launches {
            let title = "Launch: \(launch.work.title)"
            let macro: JSONValue = .object([
                "title": .string(title), "active": .bool(true),
                "description": .string("Prepared by Switchboard for the launch on \(launch.date)."),
                "actions": .array([.object(["field": .string("comment_value"), "value": .string(LaunchPlanner.macroText(launch))])]),
            ])
            let (id, isNew) = try await ZendeskMacros.upsert(client: client, title: title, macro: macro)
            if isNew { created += 1 } else { updated += 1 }
            ids.append(id)
        }
        context.sent(name)
        return .object(["count": .number(Double(launches.count)), "created": .number(Double(created)), "updated": .number(Double(updated)),
                        "macro_ids": .array(ids.map { .number(Double($0)) })])
    }
}

/// `switchboard.support_report`: the ticket counts per title, format or imprint; refreshes the titles' signals.
struct SupportReportAction: FlowAction {
    let name = "switchboard.support_report"
    let hasSideEffects = false

    func perform(_ input: JSONValue, context: ActionContext) async throws -> JSONValue {
        let grouping = SupportReport.Grouping(rawValue: input.optionalText("by") ?? "title") ?? .title
        let rows = try await SupportReport(store: context.store).rows(by: grouping, connection: input.optionalText("connection"),
                                                                      limit: Int(try input.optionalInteger("limit") ?? 20))
        return .object(["rows": SupportReport.json(rows), "text": .string(SupportReport.text(rows, by: grouping))])
    }
}
