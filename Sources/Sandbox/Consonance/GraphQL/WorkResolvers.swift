/// Fields of `Work` and `Contribution`.
enum WorkResolvers {
    static let work: Resolve.Fields = [
        "id": Resolve.of(WorkNode.self) { $0.record.id },
        "title": Resolve.of(WorkNode.self) { $0.record.title },
        "subtitle": Resolve.of(WorkNode.self) { $0.record.subtitle },
        "titleStatement": Resolve.of(WorkNode.self) { node in
            node.record.subtitle.map { "\(node.record.title): \($0)" } ?? node.record.title
        },
        "workType": Resolve.of(WorkNode.self) { $0.record.workType },
        "projectStage": Resolve.of(WorkNode.self) { $0.record.projectStage },
        "season": Resolve.of(WorkNode.self) { $0.record.season },
        "editionNumber": Resolve.of(WorkNode.self) { $0.record.editionNumber },
        "editionStatement": Resolve.of(WorkNode.self) { $0.record.editionStatement },
        "authorshipDescription": Resolve.of(WorkNode.self) { node in
            Authorship.description(node.snapshot.catalogue,
                                   contributions: node.record.contributions.filter { $0.role.hasPrefix("A0") || $0.role == "B01" },
                                   product: nil)
        },
        "contributorPrettyList": Resolve.of(WorkNode.self) { node in
            Authorship.list(node.record.contributions.sorted { $0.sequenceNumber < $1.sequenceNumber }
                .compactMap { node.snapshot.catalogue.contact($0.contactID)?.name })
        },
        "contributions": Resolve.of(WorkNode.self) { node in
            node.record.contributions.map { ContributionNode(record: $0, workID: node.record.id, snapshot: node.snapshot) }
        },
        "imprint": Resolve.of(WorkNode.self) { node in
            node.snapshot.catalogue.imprints.first { $0.id == node.record.imprintID }
                .map { ["id": $0.id, "name": $0.name] as [String: any Sendable] }
        },
        "products": Resolve.with(WorkNode.self) { node, arguments, context in
            let search = ProductSearch(arguments.object("productSearch"))
            let catalogue = node.snapshot.catalogue
            return node.record.productIDs.compactMap { catalogue.product($0) }
                .filter { search.matches($0, in: catalogue, overReport: context.overReportChanges) }
                .prefix(context.pageSize)
                .map { ProductNode(record: $0, snapshot: node.snapshot) }
        },
        "seriesMemberships": Resolve.of(WorkNode.self) { node in
            guard let membership = node.record.series,
                  let series = node.snapshot.catalogue.series.first(where: { $0.id == membership.seriesID }) else { return [] as [any Sendable] }
            let seriesObject = graphQLObject([
                "id": series.id, "name": series.name, "subtitle": series.subtitle,
                "titleWithSubtitle": series.subtitle.map { "\(series.name): \($0)" } ?? series.name,
            ])
            return [graphQLObject(["partNumber": membership.partNumber, "series": seriesObject])]
        },
        "marketingTexts": Resolve.of(WorkNode.self) { $0.record.marketingTexts.map(marketingText) },
        "publishersUrl": Resolve.of(WorkNode.self) { $0.record.publishersUrl },
    ]

    static let contribution: Resolve.Fields = [
        "id": Resolve.of(ContributionNode.self) { $0.record.id },
        "sequenceNumber": Resolve.of(ContributionNode.self) { $0.record.sequenceNumber },
        "onixContributorRoleCode": Resolve.of(ContributionNode.self) { $0.record.role },
        "onixContributorRole": Resolve.of(ContributionNode.self) { ONIXCodes.object($0.record.role, list: 17) },
        "contributor": Resolve.of(ContributionNode.self) { $0.snapshot.contactNode($0.record.contactID) },
        "productIds": Resolve.of(ContributionNode.self) { $0.record.productIDs },
        "workId": Resolve.of(ContributionNode.self) { $0.workID },
        "work": Resolve.of(ContributionNode.self) { $0.snapshot.workNode($0.workID) },
    ]

    static func marketingText(_ text: MarketingTextRecord) -> [String: any Sendable] {
        graphQLObject([
            "id": text.id, "externalText": text.externalText, "internalText": text.internalText,
            "fromDate": text.fromDate?.description,
        ])
    }
}
