/// Book-publishing support vocabulary: titles, subject and comment templates, tags and field values.
///
/// Realistic text matters because the engine's flows match on subjects, tags and ISBNs, and the demo shows tickets to
/// people who know what a publisher's support queue looks like.
enum PublishingVocabulary {
    static let titleAdjectives = [
        "Salt", "Silent", "Paper", "Winter", "Hidden", "Glass", "Northern", "Last", "Burning", "Quiet", "Lost", "Iron",
        "Golden", "Wandering", "Midnight", "Scarlet", "Hollow", "Distant", "Amber", "Secret",
    ]

    static let titleNouns = [
        "Orchard", "Lighthouse", "Cartographer", "Harvest", "Archive", "Garden", "River", "Republic", "Kingdom",
        "Orchestra", "Atlas", "Meadow", "Chronicle", "Inheritance", "Harbour", "Season", "Station", "Library",
        "Vineyard", "Observatory",
    ]

    static let titlePatterns = ["The {a} {n}", "A {a} {n}", "{a} {n}", "The {n} of {a} Lights", "Notes from the {a} {n}"]

    /// Subjects; `{title}` is a book title.
    static let subjectTemplates = [
        "Where is my order of {title}?",
        "EPUB won't open: {title}",
        "Translation rights inquiry for {title}",
        "Royalty statement question",
        "Missing pages in paperback of {title}",
        "Audiobook download fails for {title}",
        "Request for review copy of {title}",
        "Wrong ISBN on invoice for {title}",
        "Damaged hardback delivered",
        "Pre-order not shipped: {title}",
        "Metadata error on retailer site for {title}",
        "Permission to quote from {title}",
        "Bulk order discount for schools",
        "Return request for {title}",
        "Author event booking inquiry",
    ]

    /// Tags that fit each subject template (same order as `subjectTemplates`).
    static let subjectTags: [[String]] = [
        ["shipping", "order_status"], ["ebook", "epub", "drm"], ["rights", "translation"], ["royalties", "author"],
        ["print_defect", "paperback"], ["audiobook", "download"], ["review_copy", "publicity"], ["metadata", "invoice"],
        ["print_defect", "hardback", "shipping"], ["preorder", "shipping"], ["metadata", "retailer"],
        ["permissions", "rights"], ["education", "bulk_order"], ["returns", "refund"], ["events", "author"],
    ]

    static let extraTags = [
        "vip", "urgent_reply", "backlist", "frontlist", "international", "eu", "us", "uk", "trade", "consumer",
        "onix", "kindle", "kobo", "library",
    ]

    static let openingLines = [
        "Hello, I ordered {title} three weeks ago and it still hasn't arrived.",
        "Hi, the EPUB file for {title} shows an error in my reading app.",
        "Dear team, we are a publisher interested in the translation rights for {title}.",
        "Hello, I have a question about the figures on my latest royalty statement.",
        "Hi, my paperback copy of {title} is missing pages 112 to 128.",
        "Hello, the audiobook of {title} stops downloading at 60%.",
        "Hi, could you send a review copy of {title} for our books podcast?",
        "Hello, the invoice lists the wrong ISBN for {title}.",
        "Hi, the hardback arrived with a crushed corner and a torn jacket.",
        "Hello, my pre-order of {title} was due last week but has not shipped.",
        "Hi, the retailer page for {title} shows the wrong publication date.",
        "Dear team, I would like permission to quote two paragraphs from {title}.",
        "Hello, our school would like 120 copies; is there an education discount?",
        "Hi, I would like to return {title}; it was a duplicate gift.",
        "Hello, we would love to host the author for an evening event.",
    ]

    static let customerFollowUps = [
        "Thanks for the quick reply. The order number is in my previous email.",
        "I tried that but it still doesn't work, sorry.",
        "Any update on this? It's been a few days.",
        "That worked, thank you so much!",
        "Could you confirm the ISBN {isbn} is the right edition?",
        "I've attached a photo of the damage.",
        "Great, please go ahead.",
    ]

    static let agentReplies = [
        "Thanks for getting in touch. I've checked with our distributor and will update you shortly.",
        "I'm sorry about this. I've arranged a replacement copy, which should arrive within five working days.",
        "Could you tell me which app and device you are using? That will help us reproduce the problem.",
        "I've passed your request to our rights team, who usually reply within two weeks.",
        "Your statement covers sales up to the end of the period; returns are reconciled in the next one.",
        "I've refunded the order; you should see it on your account within three to five days.",
        "Happy to help. I've added a note to your account for future orders.",
    ]

    static let internalNotes = [
        "Checked the warehouse system: the parcel was returned to sender.",
        "Escalating to the digital production team; the EPUB fails validation.",
        "Customer is a key account; please prioritise.",
        "ONIX feed shows the old price; raised with metadata team.",
        "Possible duplicate of an earlier ticket from the same requester.",
    ]

    static let formats = ["paperback", "hardback", "ebook", "audio"]
}
