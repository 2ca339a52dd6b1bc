/// The channel through which a ticket, comment or audit arrived (`via.channel` on the wire).
enum ViaChannel: String, Sendable, Equatable {
    case web
    case email
    case api

    /// The human-readable form Zendesk uses where `via` is a string (ticket_events audits and plain child events).
    var eventText: String {
        switch self {
        case .web: return "Web form"
        case .email: return "Mail"
        case .api: return "Web service"
        }
    }

    /// Writes `{"channel":…,"source":{"from":{},"to":{},"rel":null}}`.
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("channel", rawValue)
        writer.objectField("source") { source in
            source.emptyObjectField("from")
            source.emptyObjectField("to")
            source.nullField("rel")
        }
        writer.endObject()
    }
}
