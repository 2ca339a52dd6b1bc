/// Turns `{"user":{…}}` and `{"organization":{…}}` bodies into inputs.
enum PeopleBodyParsing {
    static func user(_ object: JSONValue) -> UserInput {
        var input = UserInput()
        input.name = object["name"]?.stringValue
        input.email = TicketBodyParsing.textUpdate(object["email"])
        input.role = object["role"]?.stringValue
        input.phone = TicketBodyParsing.textUpdate(object["phone"])
        input.externalID = TicketBodyParsing.textUpdate(object["external_id"])
        input.organizationID = TicketBodyParsing.idUpdate(object["organization_id"])
        input.tags = object["tags"].flatMap(TicketBodyParsing.stringList)
        input.details = TicketBodyParsing.textUpdate(object["details"])
        input.notes = TicketBodyParsing.textUpdate(object["notes"])
        input.suspended = object["suspended"]?.boolValue
        input.verified = object["verified"]?.boolValue
        input.timeZone = object["time_zone"]?.stringValue
        input.userFields = object["user_fields"]?.objectValue
        return input
    }

    static func organization(_ object: JSONValue) -> OrganizationInput {
        var input = OrganizationInput()
        input.name = object["name"]?.stringValue
        input.externalID = TicketBodyParsing.textUpdate(object["external_id"])
        input.domainNames = object["domain_names"].flatMap(TicketBodyParsing.stringList)
        input.details = TicketBodyParsing.textUpdate(object["details"])
        input.notes = TicketBodyParsing.textUpdate(object["notes"])
        input.groupID = TicketBodyParsing.idUpdate(object["group_id"])
        input.tags = object["tags"].flatMap(TicketBodyParsing.stringList)
        input.sharedTickets = object["shared_tickets"]?.boolValue
        input.sharedComments = object["shared_comments"]?.boolValue
        return input
    }
}
