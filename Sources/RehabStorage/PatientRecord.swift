import RehabCore

/// A patient as listed: who, in which language, and whether the physio archived them.
public struct PatientRecord: Hashable, Sendable, Codable {
    public var id: Int64
    public var name: String
    public var language: Language?
    public var archived: Bool

    public init(id: Int64, name: String, language: Language?, archived: Bool) {
        self.id = id
        self.name = name
        self.language = language
        self.archived = archived
    }
}
