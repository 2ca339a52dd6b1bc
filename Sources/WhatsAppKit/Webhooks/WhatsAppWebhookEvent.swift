import LooseJSON

/// One record of a webhook delivery, flattened out of entries and changes with the business number it concerns.
///
/// This is what the engine consumes: it does not need to walk `entry[].changes[].value` itself.
public enum WhatsAppWebhookEvent: Sendable, Hashable {
    case message(WhatsAppInboundEvent)
    case status(WhatsAppStatusEvent)
    case error(WhatsAppSystemErrorEvent)
    /// A change of another field (template, account, calls, …), kept verbatim.
    case other(field: String, value: JSONValue, businessAccountID: String?)
}

/// An inbound message with the number it reached and the sender's profile.
public struct WhatsAppInboundEvent: Sendable, Hashable {
    public var message: WhatsAppInboundMessage
    /// The matching `contacts[]` item (profile name, user id).
    public var contact: WhatsAppContact?
    /// `metadata.phone_number_id` of the business number.
    public var phoneNumberID: String?
    public var displayPhoneNumber: String?
    /// `entry[].id`: the WhatsApp Business Account.
    public var businessAccountID: String?

    /// The sender's WhatsApp profile name, when Meta sent one.
    public var contactName: String? { contact?.profileName }
}

/// A status update with the business number that sent the message.
public struct WhatsAppStatusEvent: Sendable, Hashable {
    public var status: WhatsAppMessageStatus
    public var phoneNumberID: String?
    public var businessAccountID: String?
}

/// A system-level error (`value.errors[]`) with the business number it concerns.
public struct WhatsAppSystemErrorEvent: Sendable, Hashable {
    public var error: WhatsAppErrorDetail
    public var phoneNumberID: String?
    public var businessAccountID: String?
}
