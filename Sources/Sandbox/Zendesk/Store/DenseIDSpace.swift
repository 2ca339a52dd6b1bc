/// The ids of a resource, `firstID…lastID` minus removed ones, with the seeks that list pagination needs.
///
/// Zendesk ids of tickets (and here of users and organizations) are handed out sequentially, so a list can be paged
/// by arithmetic without materialising anything; the same type pages in-memory arrays by position.
struct DenseIDSpace: Sendable {
    let firstID: Int64
    let lastID: Int64
    /// Sorted ids that no longer exist (deleted).
    let removed: [Int64]

    var count: Int { max(0, Int(lastID - firstID + 1) - removed.count) }

    func contains(_ id: Int64) -> Bool {
        id >= firstID && id <= lastID && !isRemoved(id)
    }

    /// Up to `limit` ids greater than `after` (or from the start), ascending.
    func ids(after: Int64?, limit: Int) -> [Int64] {
        var result: [Int64] = []
        var id = max(firstID, (after ?? firstID - 1) + 1)
        while result.count < limit && id <= lastID {
            if !isRemoved(id) { result.append(id) }
            id += 1
        }
        return result
    }

    /// Up to `limit` ids immediately below `before`, ascending.
    func ids(before: Int64, limit: Int) -> [Int64] {
        var result: [Int64] = []
        var id = min(lastID, before - 1)
        while result.count < limit && id >= firstID {
            if !isRemoved(id) { result.append(id) }
            id -= 1
        }
        return result.reversed()
    }

    /// Up to `limit` ids starting at zero-based position `offset`, ascending.
    func ids(offset: Int, limit: Int) -> [Int64] {
        var id = firstID + Int64(offset)
        for removedID in removed where removedID <= id { id += 1 }
        return ids(after: id - 1, limit: limit)
    }

    private func isRemoved(_ id: Int64) -> Bool {
        guard !removed.isEmpty else { return false }
        var low = 0
        var high = removed.count
        while low < high {
            let middle = (low + high) / 2
            if removed[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < removed.count && removed[low] == id
    }
}
