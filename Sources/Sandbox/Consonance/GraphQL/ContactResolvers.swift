/// Fields of `Person` and `Organisation` (the `Contact` implementations).
enum ContactResolvers {
    static let common: Resolve.Fields = [
        "id": Resolve.of(ContactNode.self) { $0.record.id },
        "name": Resolve.of(ContactNode.self) { $0.record.name },
        "emails": Resolve.of(ContactNode.self) { $0.record.emails.map { ["email": $0] as [String: any Sendable] } },
        "phones": Resolve.of(ContactNode.self) { node in
            node.record.phones.map { graphQLObject(["phoneNumber": $0.number, "phoneType": $0.type]) }
        },
        "webLinks": Resolve.of(ContactNode.self) { $0.record.webLinks.map(ProductResolvers.webLink) },
    ]

    static let person: Resolve.Fields = common.merging([
        "keyNames": Resolve.of(ContactNode.self) { node in
            if case .person(_, let last) = node.record.kind { return last }
            return nil
        },
        "personName": Resolve.of(ContactNode.self) { $0.record.name },
        "personNameInverted": Resolve.of(ContactNode.self) { node in
            if case .person(let first, let last) = node.record.kind { return "\(last), \(first)" }
            return nil
        },
        "biographicalNote": Resolve.of(ContactNode.self) { $0.record.biographicalNote },
        "contributions": Resolve.of(ContactNode.self) { node in
            let catalogue = node.snapshot.catalogue
            var entries: [any Sendable] = []
            for workID in node.record.workIDs {
                guard let work = catalogue.work(workID) else { continue }
                for contribution in work.contributions where contribution.contactID == node.record.id {
                    entries.append(["workTitle": work.title,
                                    "role": ONIXCodes.contributorRole[contribution.role] ?? contribution.role] as [String: any Sendable])
                }
            }
            return entries
        },
    ]) { first, _ in first }

    static let organisation: Resolve.Fields = common.merging([
        "organisationName": Resolve.of(ContactNode.self) { $0.record.name },
        "organisationCountry": Resolve.of(ContactNode.self) { node in
            if case .organisation(let country) = node.record.kind { return country }
            return nil
        },
    ]) { first, _ in first }
}
