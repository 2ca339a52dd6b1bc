import GraphQL

/// The root `Mutation` fields. Each takes `input`, changes the catalogue (stamping the changed record with the
/// sandbox's `today`) and answers a payload: `clientMutationId` echoed, the record, and `errors` — validation
/// problems such as an unknown id go there (with the record `null`) rather than into top-level GraphQL errors.
enum MutationResolvers {
    static let mutation: Resolve.Fields = [
        "updateProduct": mutation(key: "product") { input, catalogue throws(ConsonanceSandboxError) in
            let id = input.int("id") ?? 0
            if input.has("title"), input.present("title") == nil { throw .invalid("Title can't be blank") }
            let product = try catalogue.changeProduct(id) { product in
                if let title = input.present("title") { product.titleWithoutPrefix = title }
                if input.has("prefix") { product.titlePrefix = input.present("prefix") }
                if input.has("subtitle") { product.subtitle = input.present("subtitle") }
                if input.has("publishersReference") { product.publishersReference = input.present("publishersReference") }
                if input.has("internalReference") { product.internalReference = input.present("internalReference") }
                if input.has("publicationDate") { product.publicationDate = input.date("publicationDate") }
                if input.has("plannedPublicationDate") { product.plannedPublicationDate = input.date("plannedPublicationDate") }
            }
            return .product(product.id)
        },
        "updateWork": mutation(key: "work") { input, catalogue throws(ConsonanceSandboxError) in
            if input.has("title"), input.present("title") == nil { throw .invalid("Title can't be blank") }
            let work = try catalogue.changeWork(input.int("id") ?? 0) { work in
                if let title = input.present("title") { work.title = title }
                if input.has("subtitle") { work.subtitle = input.present("subtitle") }
                if input.has("editionStatement") { work.editionStatement = input.present("editionStatement") }
                if input.has("publishersUrl") { work.publishersUrl = input.present("publishersUrl") }
            }
            return .work(work.id)
        },
        "updateContract": mutation(key: "contract") { input, catalogue throws(ConsonanceSandboxError) in
            if input.has("contractName"), input.present("contractName") == nil {
                throw .invalid("Contract name can't be blank")
            }
            let contract = try catalogue.changeContract(input.int("id") ?? 0) { (contract) throws(ConsonanceSandboxError) in
                if let name = input.present("contractName") { contract.contractName = name }
                if input.has("signedDate") { contract.signedDate = input.date("signedDate") }
                if input.has("description") { contract.description = input.present("description") }
                if input.has("freeCopies") { contract.freeCopies = input.int("freeCopies") }
                if input.has("freeCopiesUsed") { contract.freeCopiesUsed = input.int("freeCopiesUsed") }
                if input.has("authorDiscount") { contract.authorDiscount = input.double("authorDiscount") }
                if input.has("remainderRate") { contract.remainderRate = input.double("remainderRate") }
                if input.has("guaranteedRoyaltyValue") { contract.guaranteedRoyaltyValue = input.double("guaranteedRoyaltyValue") }
                if input.has("flatFeeValue") { contract.flatFeeValue = input.double("flatFeeValue") }
                if input.has("terminationReason") { contract.terminationReason = input.present("terminationReason") }
                if input.has("terminatedDate") { contract.terminatedDate = input.date("terminatedDate") }
                if let used = contract.freeCopiesUsed, used > (contract.freeCopies ?? 0) {
                    throw .invalid("Free copies used can't be more than free copies")
                }
            }
            return .contract(contract.id)
        },
        "createWebLink": mutation(key: "webLink") { input, catalogue throws(ConsonanceSandboxError) in
            let owner: Catalogue.WebLinkOwner
            switch (input.int("productId"), input.int("contactId")) {
            case (let product?, nil): owner = .product(product)
            case (nil, let contact?): owner = .contact(contact)
            default: throw .invalid("Give exactly one of productId and contactId")
            }
            guard let role = input.string("role"), let link = input.string("link") else { throw .invalid("Link can't be blank") }
            let record = try catalogue.createWebLink(
                owner: owner, link: link, role: ONIXCodes.code(role), note: input.present("note"),
                includeInOnix: input.bool("includeInOnix") ?? true)
            return .object(ProductResolvers.webLink(record))
        },
        "updateWebLink": mutation(key: "webLink") { input, catalogue throws(ConsonanceSandboxError) in
            let record = try catalogue.updateWebLink(input.int("id") ?? 0) { link in
                if let text = input.string("link") { link.link = text }
                if let role = input.string("role") { link.role = ONIXCodes.code(role) }
                if input.has("note") { link.note = input.present("note") }
                if let include = input.bool("includeInOnix") { link.includeInOnix = include }
            }
            return .object(ProductResolvers.webLink(record))
        },
        "deleteWebLink": mutation(key: "id") { input, catalogue throws(ConsonanceSandboxError) in
            let id = input.int("id") ?? 0
            try catalogue.deleteWebLink(id)
            return .object(id)
        },
        "createDeliveryDate": mutation(key: "deliveryDate") { input, catalogue throws(ConsonanceSandboxError) in
            guard let due = input.date("dateDue") else { throw .invalid("Date due can't be blank") }
            if let share = input.double("percentageOfTotal"), share < 0 || share > 100 {
                throw .invalid("Percentage of total must be between 0 and 100")
            }
            let record = try catalogue.createDeliveryDate(contractID: input.int("contractId") ?? 0, DeliveryDateRecord(
                id: 0, dateDue: due, deliverableType: input.present("deliverableType"),
                deliveryRequirement: input.present("deliveryRequirement"),
                percentageOfTotal: input.double("percentageOfTotal"), slippedDate: nil))
            return .object(ContractResolvers.deliveryDate(record))
        },
        "deleteDeliveryDate": mutation(key: "id") { input, catalogue throws(ConsonanceSandboxError) in
            let id = input.int("id") ?? 0
            try catalogue.deleteDeliveryDate(id)
            return .object(id)
        },
    ]

    /// What a mutation produced, turned into a node once the post-change snapshot exists.
    enum Outcome: Sendable {
        case product(Int)
        case work(Int)
        case contract(Int)
        case object(any Sendable)
    }

    /// Wraps a change into the payload shape `{clientMutationId, <key>, errors}`.
    private static func mutation(
        key: String, _ change: @escaping @Sendable (FieldArguments, inout Catalogue) throws(ConsonanceSandboxError) -> Outcome
    ) -> GraphQLFieldResolve {
        Resolve.root { arguments, context in
            let input = arguments.object("input") ?? FieldArguments(.dictionary([:]))
            let (result, snapshot) = context.mutate { (catalogue) throws(ConsonanceSandboxError) -> Outcome in
                try change(input, &catalogue)
            }
            var payload: [String: any Sendable] = [:]
            if let clientMutationId = input.string("clientMutationId") { payload["clientMutationId"] = clientMutationId }
            switch result {
            case .success(let outcome):
                let value: (any Sendable)?
                switch outcome {
                case .product(let id): value = snapshot.productNode(id)
                case .work(let id): value = snapshot.workNode(id)
                case .contract(let id): value = snapshot.contractNode(id)
                case .object(let object): value = object
                }
                if let value { payload[key] = value }
                payload["errors"] = [String]()
            case .failure(let error):
                payload["errors"] = [error.message]
            }
            return payload
        }
    }
}
