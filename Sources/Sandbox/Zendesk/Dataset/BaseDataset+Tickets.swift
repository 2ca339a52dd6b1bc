/// The subject matter of a generated ticket, shared by its subject, tags and comment texts.
struct TicketTopic: Sendable {
    var template: Int
    var bookTitle: String
    var isbn: String
}

extension BaseDataset {
    /// Base ticket `index` (1…ticketCount).
    func ticket(_ index: Int) -> TicketRecord {
        generateTicket(index).ticket
    }

    /// Base ticket `index` and the topic its comments talk about.
    func generateTicket(_ index: Int) -> (ticket: TicketRecord, topic: TicketTopic) {
        var random = SplitMix64(seed: layout.seed, stream: RecordStream.ticket, index: UInt64(index))
        let commentCount = random.within(layout.commentsPerTicket)  // must stay the first draw (DatasetLayout)
        let requesterIndex = layout.agentCount + 1 + random.below(layout.endUserCount)
        let status = random.pick(weighted: [("new", 8), ("open", 30), ("pending", 12), ("hold", 5), ("solved", 30),
                                            ("closed", 15)])
        let priority: String? = random.pick(weighted: [(nil, 20), ("low", 15), ("normal", 40), ("high", 18),
                                                       ("urgent", 7)])
        let type: String? = random.pick(weighted: [(nil, 25), ("question", 40), ("incident", 20), ("problem", 5),
                                                   ("task", 10)])
        let agentIndex = 1 + random.below(layout.agentCount)
        let unassigned = status == "new" && random.chance(0.5)
        let groupID = DatasetLayout.groupIDs[random.below(DatasetLayout.groupIDs.count)]
        let topic = makeTopic(&random)
        let tags = makeTags(topic: topic, random: &random)
        let format: JSONValue = random.chance(0.8) ? .string(formatValue(topic: topic, random: &random)) : .null
        let isbnValue: JSONValue = random.chance(0.7) ? .string(topic.isbn) : .null
        let gift = random.chance(0.15)
        let via = random.pick(weighted: [(ViaChannel.email, 55), (.web, 35), (.api, 10)])
        let externalID = random.chance(0.1) ? "ORD-" + BaseDataset.digits(7, from: &random) : nil
        let satisfaction = makeSatisfaction(status: status, index: index, random: &random)
        let collaborator = random.chance(0.1) ? layout.agentCount + 1 + random.below(layout.endUserCount) : nil
        let isPublic = !random.chance(0.03)
        let submittedByAgent = via == .api && random.chance(0.5)

        let requesterID = layout.userID(requesterIndex)
        let assigneeID = unassigned ? nil : layout.userID(agentIndex)
        let createdAt = layout.commentTime(ticket: index, comment: 0)
        let subject = PublishingVocabulary.subjectTemplates[topic.template].replacingAll("{title}", with: topic.bookTitle)
        let ticket = TicketRecord(
            id: Int64(index),
            externalID: externalID,
            via: via,
            createdAt: createdAt,
            updatedAt: layout.commentTime(ticket: index, comment: commentCount - 1),
            type: type,
            subject: subject,
            description: firstCommentBody(topic: topic, requesterIndex: requesterIndex),
            priority: priority,
            status: status,
            recipient: via == .email ? "support@publisher.example" : nil,
            requesterID: requesterID,
            submitterID: submittedByAgent ? layout.userID(agentIndex) : requesterID,
            assigneeID: assigneeID,
            organizationID: organizationIndex(ofUser: requesterIndex).map(layout.organizationID),
            groupID: groupID,
            collaboratorIDs: collaborator.map { [layout.userID($0)] } ?? [],
            followerIDs: [],
            dueAt: type == "task" ? createdAt + 7 * 86_400 : nil,
            tags: tags,
            customFields: [
                CustomFieldValue(id: DatasetLayout.formatFieldID, value: format),
                CustomFieldValue(id: DatasetLayout.isbnFieldID, value: isbnValue),
                CustomFieldValue(id: DatasetLayout.giftFieldID, value: .bool(gift)),
            ],
            satisfaction: satisfaction,
            brandID: DatasetLayout.brandID,
            ticketFormID: DatasetLayout.ticketFormID,
            isPublic: isPublic
        )
        return (ticket, topic)
    }

    /// The description, which is also the body of comment 0.
    func firstCommentBody(topic: TicketTopic, requesterIndex: Int) -> String {
        let opening = PublishingVocabulary.openingLines[topic.template].replacingAll("{title}", with: topic.bookTitle)
        return opening + "\n\nThanks,\n" + userNameParts(requesterIndex).first
    }

    private func makeTopic(_ random: inout SplitMix64) -> TicketTopic {
        let template = random.below(PublishingVocabulary.subjectTemplates.count)
        let adjective = random.pick(PublishingVocabulary.titleAdjectives)
        let noun = random.pick(PublishingVocabulary.titleNouns)
        let title = random.pick(PublishingVocabulary.titlePatterns)
            .replacingAll("{a}", with: adjective).replacingAll("{n}", with: noun)
        return TicketTopic(template: template, bookTitle: title, isbn: BaseDataset.isbn13(from: &random))
    }

    /// 1–3 tags: one or two fitting the subject, sometimes one from the general pool; sorted like Zendesk's.
    private func makeTags(topic: TicketTopic, random: inout SplitMix64) -> [String] {
        let fitting = PublishingVocabulary.subjectTags[topic.template]
        var tags = [fitting[random.below(fitting.count)]]
        if random.chance(0.5) {
            let second = fitting[random.below(fitting.count)]
            if !tags.contains(second) { tags.append(second) }
        }
        if random.chance(0.4) {
            let extra = random.pick(PublishingVocabulary.extraTags)
            if !tags.contains(extra) { tags.append(extra) }
        }
        return tags.sorted()
    }

    private func formatValue(topic: TicketTopic, random: inout SplitMix64) -> String {
        switch topic.template {
        case 1: return "ebook"
        case 4: return "paperback"
        case 5: return "audio"
        case 8: return "hardback"
        default: return random.pick(PublishingVocabulary.formats)
        }
    }

    private func makeSatisfaction(status: String, index: Int, random: inout SplitMix64) -> SatisfactionRating? {
        let roll = random.below(100)
        if roll < 5 { return nil }
        guard status == "solved" || status == "closed" else { return SatisfactionRating(score: "unoffered") }
        let ratingID = 365_000_000_000 + Int64(index)
        switch roll {
        case ..<40: return SatisfactionRating(score: "good", id: ratingID, comment: random.chance(0.3) ? "Very helpful, thanks!" : nil)
        case ..<50: return SatisfactionRating(score: "bad", id: ratingID, comment: "Took too long to resolve.")
        case ..<70: return SatisfactionRating(score: "offered", id: ratingID)
        default: return SatisfactionRating(score: "unoffered")
        }
    }
}
