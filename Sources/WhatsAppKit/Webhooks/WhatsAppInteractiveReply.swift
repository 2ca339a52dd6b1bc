import LooseJSON

/// The user's answer to an interactive message (`messages[].interactive`): a tapped reply button, a chosen list row,
/// a completed Flow, or another interactive reply kept as raw JSON.
public enum WhatsAppInteractiveReply: Sendable, Hashable {
    /// `button_reply`: `id` is the id Switchboard gave the button.
    case buttonReply(id: String, title: String?)
    /// `list_reply`: `id` is the id Switchboard gave the row.
    case listReply(id: String, title: String?, description: String?)
    /// `nfm_reply`: a completed WhatsApp Flow; `responseJSON` is the Flow's answer as a JSON string.
    case flowReply(name: String?, body: String?, responseJSON: String?)
    /// Any other interactive reply (e.g. `call_permission_reply`), with the whole `interactive` object.
    case other(type: String, raw: JSONValue)

    /// `nil` when a known reply lacks its required id, so the caller can keep the message as unknown instead.
    init?(json: JSONValue) {
        let type = json.string("type") ?? ""
        switch type {
        case "button_reply":
            guard let reply = json.object("button_reply"), let id = reply.string("id") else { return nil }
            self = .buttonReply(id: id, title: reply.string("title"))
        case "list_reply":
            guard let reply = json.object("list_reply"), let id = reply.string("id") else { return nil }
            self = .listReply(id: id, title: reply.string("title"), description: reply.string("description"))
        case "nfm_reply":
            guard let reply = json.object("nfm_reply") else { return nil }
            self = .flowReply(name: reply.string("name"), body: reply.string("body"), responseJSON: reply.string("response_json"))
        default:
            self = .other(type: type, raw: json)
        }
    }
}
