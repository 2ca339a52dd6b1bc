/// The root `Query` fields.
enum QueryResolvers {
    static let query: Resolve.Fields = [
        "products": Resolve.root { arguments, context in
            let snapshot = context.snapshot()
            return snapshot.catalogue.products(
                matching: ProductSearch(arguments.object("productSearch")),
                work: arguments.object("workSearch").map(WorkSearch.init),
                price: arguments.object("priceSearch").map(PriceSearch.init),
                limit: context.pageSize, overReport: context.overReportChanges)
                .map { ProductNode(record: $0, snapshot: snapshot) }
        },
        "product": Resolve.root { arguments, context in
            let snapshot = context.snapshot()
            return snapshot.catalogue.products(
                matching: ProductSearch(arguments.object("productSearch")), work: nil, price: nil, limit: 1,
                overReport: context.overReportChanges)
                .first.map { ProductNode(record: $0, snapshot: snapshot) }
        },
        "works": Resolve.root { arguments, context in
            let snapshot = context.snapshot()
            return snapshot.catalogue.works(
                matching: WorkSearch(arguments.object("workSearch")),
                products: arguments.object("productSearch").map(ProductSearch.init),
                limit: context.pageSize, overReport: context.overReportChanges)
                .map { WorkNode(record: $0, snapshot: snapshot) }
        },
        "work": Resolve.root { arguments, context in
            let snapshot = context.snapshot()
            return snapshot.catalogue.works(
                matching: WorkSearch(arguments.object("workSearch")), products: nil, limit: 1,
                overReport: context.overReportChanges)
                .first.map { WorkNode(record: $0, snapshot: snapshot) }
        },
        "contacts": Resolve.root { arguments, context in
            let snapshot = context.snapshot()
            return snapshot.catalogue.contacts(
                personNameContains: arguments.object("contactSearch")?.present("personNameCont"), limit: context.pageSize)
                .map { ContactNode(record: $0, snapshot: snapshot) }
        },
        "person": Resolve.root { arguments, context in
            let snapshot = context.snapshot()
            guard let id = arguments.int("id"), let contact = snapshot.catalogue.contact(id), contact.isPerson else {
                return nil
            }
            return ContactNode(record: contact, snapshot: snapshot)
        },
        "organisation": Resolve.root { arguments, context in
            let snapshot = context.snapshot()
            let name = arguments.object("organisationSearch")?.present("nameEq")
            return snapshot.catalogue.contacts.first { !$0.isPerson && (name == nil || $0.name == name) }
                .map { ContactNode(record: $0, snapshot: snapshot) }
        },
        "contract": Resolve.root { arguments, context in
            let snapshot = context.snapshot()
            guard let id = arguments.object("contractSearch")?.int("idEq") else {
                return snapshot.catalogue.contracts.first.map { ContractNode(record: $0, snapshot: snapshot) }
            }
            return snapshot.contractNode(id)
        },
    ]
}
