/// Limits on what a body can do, so a typo or a broken watch file (250 km in 10 minutes)
/// is refused instead of raising next week's cap. Generous on purpose: above the world record
/// average speeds for any session of a minute or more, never near what a runner in rehab does.
public enum Plausibility {
    /// The highest average speed a session of this activity can have, in km/h.
    public static func maxKmPerHour(_ activity: Activity) -> Double {
        switch activity {
        case .run: 30
        case .walk: 16
        case .swim: 8
        case .aquaJog: 12
        case .cycle: 80
        case .crossTrainer: 40
        case .strength, .exercises, .other: 80
        }
    }

    /// True when `km` in `minutes` is faster than anyone does that activity.
    public static func tooFast(km: Double?, minutes: Int, activity: Activity) -> Bool {
        guard let km, km > 0, minutes > 0 else { return false }
        return km / (Double(minutes) / 60) > maxKmPerHour(activity)
    }

    /// The most kilometres `minutes` of the activity can cover, rounded down to 2 decimals.
    public static func maxKm(minutes: Int, activity: Activity) -> Double {
        (maxKmPerHour(activity) * Double(minutes) / 60 * 100).rounded(.down) / 100
    }

    /// The record check behind every entry point: `km` named, with the most the minutes allow.
    public static func check(km: Double?, minutes: Int, activity: Activity)
        throws(ValidationError)
    {
        guard tooFast(km: km, minutes: minutes, activity: activity), let km else { return }
        let most = min(maxKm(minutes: minutes, activity: activity), Validate.kmRange.upperBound)
        throw ValidationError(
            field: "km", value: String(km), allowed: .decimal(0...most, places: 2))
    }
}
