import ConnectorKit
import Foundation
import SwitchboardStore
import ZendeskKit

/// Turns ZendeskKit's API models into the mirror's rows.
enum RecordMapping {
    static func seconds(_ date: Date?) -> Int64? {
        date.map { Int64($0.timeIntervalSince1970.rounded(.down)) }
    }

    static func ticket(_ t: ZendeskTicket) -> MirrorTicket {
        let customFields = JSONValue.array(t.customFields.map { .object(["id": .number(Double($0.id)), "value": $0.value]) }).jsonText
        return MirrorTicket(
            id: t.id, subject: t.subject, status: t.status, priority: t.priority, type: t.type, requesterID: t.requesterID,
            submitterID: t.submitterID, assigneeID: t.assigneeID, organizationID: t.organizationID, groupID: t.groupID, brandID: t.brandID,
            externalID: t.externalID, viaChannel: t.viaChannel, tags: t.tags, customFieldsJSON: customFields,
            createdAt: seconds(t.createdAt), updatedAt: seconds(t.updatedAt), version: t.version)
    }

    static func user(_ u: ZendeskUser) -> MirrorUser {
        MirrorUser(
            id: u.id, name: u.name, email: u.email, phone: u.phone, role: u.role, organizationID: u.organizationID, externalID: u.externalID,
            active: u.active, suspended: u.suspended, timeZone: u.timeZone, locale: u.locale, tags: u.tags,
            userFieldsJSON: JSONValue.object(u.userFields).jsonText, createdAt: seconds(u.createdAt), updatedAt: seconds(u.updatedAt),
            version: seconds(u.updatedAt) ?? 0)
    }

    static func organization(_ o: ZendeskOrganization) -> MirrorOrganization {
        MirrorOrganization(
            id: o.id, name: o.name, domainNames: o.domainNames, externalID: o.externalID, details: o.details, notes: o.notes, groupID: o.groupID,
            tags: o.tags, organizationFieldsJSON: JSONValue.object(o.organizationFields).jsonText, createdAt: seconds(o.createdAt),
            updatedAt: seconds(o.updatedAt), deletedAt: seconds(o.deletedAt), version: max(seconds(o.updatedAt) ?? 0, seconds(o.deletedAt) ?? 0))
    }

    static func comment(_ c: ZendeskComment, ticketID: Int64) -> MirrorComment {
        let attachments = JSONValue.array(c.attachments.map { a in
            .object(["id": a.id.map { .number(Double($0)) } ?? .null, "file_name": a.fileName.map(JSONValue.string) ?? .null,
                     "content_type": a.contentType.map(JSONValue.string) ?? .null, "size": a.size.map { .number(Double($0)) } ?? .null])
        }).jsonText
        return MirrorComment(id: c.id, ticketID: ticketID, authorID: c.authorID, body: c.body ?? c.plainBody, isPublic: c.isPublic,
                             viaChannel: c.viaChannel, attachmentsJSON: attachments, auditID: c.auditID, createdAt: seconds(c.createdAt))
    }
}
