import RehabCore

extension Schema {
    /// The reason given for a forced advance (issue 16), kept with the phase change; free
    /// text under the same limit as a session's note.
    static var v5PhaseChangeNote: String {
        """
        ALTER TABLE phase_change ADD COLUMN note TEXT
            CHECK (note IS NULL OR length(note) BETWEEN 1 AND \(Validate.maxTextLength));
        """
    }
}
