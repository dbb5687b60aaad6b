// Phrases of the data-safety checks: files the user names, implausible records, imports that
// refer to plans, phases and flags that do not exist. Both languages by construction.

extension Phrase {
    /// `field` is the option or argument that named the file (`output`, `file`).
    public static func outputIsDatabase(_ field: String, _ path: String) -> LocalizedText {
        LocalizedText(
            nl: "\(field): \(path) is de database (of een -wal/-shm/-journal-bestand ervan); "
                + "kies een ander bestand",
            en: "\(field): \(path) is the database (or one of its -wal/-shm/-journal files); "
                + "choose another file")
    }

    public static func outputExists(_ field: String, _ path: String) -> LocalizedText {
        LocalizedText(
            nl: "\(field): \(path) bestaat al; kies een nieuwe naam of voeg --force toe om het "
                + "te vervangen",
            en: "\(field): \(path) already exists; choose a new name or add --force to replace "
                + "it")
    }

    public static func outputIsSymlink(_ field: String, _ path: String) -> LocalizedText {
        LocalizedText(
            nl: "\(field): \(path) is een symbolische link; rehab schrijft niet via een link "
                + "(--force vervangt de link zelf)",
            en: "\(field): \(path) is a symbolic link; rehab does not write through a link "
                + "(--force replaces the link itself)")
    }

    public static func outputNotRegular(_ field: String, _ path: String) -> LocalizedText {
        LocalizedText(
            nl: "\(field): \(path) is geen gewoon bestand (een map of apparaat); kies een bestand",
            en: "\(field): \(path) is not a regular file (a folder or a device); choose a file")
    }

    public static func outputNoFolder(_ field: String, _ path: String, folder: String)
        -> LocalizedText
    {
        LocalizedText(
            nl: "\(field): de map \(folder) voor \(path) bestaat niet",
            en: "\(field): the folder \(folder) for \(path) does not exist")
    }

    public static func outputDiskFull(_ path: String) -> LocalizedText {
        LocalizedText(
            nl: "kan \(path) niet schrijven: de schijf is vol; er is niets geschreven en een "
                + "eerder bestand is ongewijzigd",
            en: "cannot write \(path): the disk is full; nothing was written and any earlier "
                + "file is unchanged")
    }

    public static func outputFailed(_ path: String, reason: String) -> LocalizedText {
        LocalizedText(
            nl: "kan \(path) niet schrijven: \(reason); een eerder bestand is ongewijzigd",
            en: "cannot write \(path): \(reason); any earlier file is unchanged")
    }

    /// A session faster than anyone does it: "250 km in 10 min".
    public static func implausibleSpeed(activity: Activity, km: Double, minutes: Int)
        -> LocalizedText
    {
        let most = Plausibility.maxKm(minutes: minutes, activity: activity)
        let speed = Int(Plausibility.maxKmPerHour(activity))
        return LocalizedText(
            nl: "km: \(km) km in \(minutes) min \(activity.name.nl) is niet aannemelijk; "
                + "hoogstens \(most) km in \(minutes) min (\(speed) km/u)",
            en: "km: \(km) km in \(minutes) min of \(activity.name) is not plausible; at "
                + "most \(most) km in \(minutes) min (\(speed) km/h)")
    }

    /// Files left out of a run import while the others go ahead.
    public static func runFilesRefused(_ count: Int) -> LocalizedText {
        LocalizedText(
            nl:
                "\(counted(count, "bestand", "bestanden")) geweigerd; de andere lopen gaan wel door:",
            en: "\(count: count, "file", "files") refused; the other runs go ahead:")
    }

    public static func todayOutOfRange(_ value: String) -> LocalizedText {
        LocalizedText(
            nl: "REHAB_TODAY: '\(value)' valt buiten 2000-01-01 tot en met 2100-12-31",
            en: "REHAB_TODAY: '\(value)' is outside 2000-01-01 to 2100-12-31")
    }

    /// The app's patient was deleted or renamed elsewhere (another terminal, the CLI).
    public static func patientGone() -> LocalizedText {
        LocalizedText(
            nl: "deze patiënt bestaat niet meer (elders verwijderd?); kies opnieuw in Patiënten",
            en: "this patient no longer exists (deleted elsewhere?); choose again in Patients")
    }

    public static func mixedScripts(_ name: String, scripts: [String]) -> LocalizedText {
        let list = scripts.joined(separator: ", ")
        return LocalizedText(
            nl: "let op: de naam '\(name)' mengt schriften (\(list)); lijkt hij op een andere "
                + "naam, controleer dan de spelling",
            en: "note: the name '\(name)' mixes scripts (\(list)); if it looks like another "
                + "name, check the spelling")
    }
}
