import Foundation
import LooseJSON
import SwitchboardCore
import SwitchboardStore

/// Keeps the stored exceptions in step with what the rules find, and says so with `exception.raised` and
/// `exception.cleared` events. An exception's events carry its occurrence number, so one that clears and comes
/// back is raised again, while re-evaluating an unchanged one says nothing.
struct ExceptionEvents {
    let connection: String
    let pass: String

    /// `found` is the exception the rules see now for `key` (nil: none).
    func apply(_ found: PublishingException?, key: String, session: StoreSession, now: Date, context: [String: JSONValue]) async throws -> [Event] {
        let stamp = Int64(now.timeIntervalSince1970)
        if var found {
            found.raisedAt = stamp
            guard case .raised(let raised) = try await session.raiseException(found) else { return [] }
            return [event("exception.raised", raised, now: now, context: context)]
        }
        guard let cleared = try await session.clearException(connection: connection, key: key, now: stamp) else { return [] }
        return [event("exception.cleared", cleared, now: now, context: context)]
    }

    func event(_ type: String, _ exception: PublishingException, now: Date, context: [String: JSONValue]) -> Event {
        var fields = context
        fields["exception"] = Self.context(exception)
        let suffix = type == "exception.raised" ? "raised" : "cleared"
        return Event(source: ConsonancePoller.source, type: type, externalID: "\(connection):exception:\(exception.key)#\(exception.occurrence):\(suffix)",
                     connection: connection, occurredAt: now, context: .object(fields))
    }

    static func context(_ exception: PublishingException) -> JSONValue {
        .object(["key": .string(exception.key), "kind": .string(exception.kind), "summary": .string(exception.summary), "details": .string(exception.details),
                 "work_id": exception.workID.map { .number(Double($0)) } ?? .null, "isbn13": exception.isbn13.map(JSONValue.string) ?? .null,
                 "title": exception.title.map(JSONValue.string) ?? .null, "occurrence": .number(Double(exception.occurrence))])
    }
}
