//! The time claims `exp`, `nbf` and `iat`: their type rule, and how they are compared
//! with the clock — by the core's own rules, or by a peer's for the facades
//! ([`TimeRules`]), so that both facades leave every time check to the core.

use serde_json::{Map, Value};

use crate::error::{err, Detail, Error, ErrorKind, Result};
use crate::json::{Probe, Probed};
use crate::jwt::clock::{now_or_system, precise_now};
use crate::jwt::verify::VerifyOptions;

/// The time claims, probed while the claims are built.
pub(crate) const TIME_CLAIMS: [&str; 3] = ["exp", "nbf", "iat"];

/// How the time claims are compared with the clock. Whatever the rules, each claim
/// present must be a finite number ≥ 0 (`invalid_claim`), and the same leeway applies to
/// each; a token not yet valid is refused before its expiry is looked at, in the peer's
/// order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeRules {
    /// The core's own (`precise`): each claim at its own precision against the
    /// sub-second clock — `nbf` and then `iat` later than now + leeway are not yet
    /// valid, now ≥ `exp` + leeway is expired.
    #[default]
    Precise,
    /// PyJWT 2's (`pyjwt`): `iat`, then `nbf`, then `exp`, each cut to whole seconds
    /// (`int()`) and compared with the sub-second clock.
    PyJwt,
    /// firebase/php-jwt 6's (`firebase`): a whole-second clock; `nbf`, then `iat` (only
    /// when there is no `nbf`), both rounded down; then `exp` as it is.
    Firebase,
}

impl TimeRules {
    /// The rules named `name` (`precise`, `pyjwt` or `firebase`); another name is
    /// `invalid_input`.
    pub fn from_name(name: &str) -> Result<TimeRules> {
        match name {
            "precise" => Ok(TimeRules::Precise),
            "pyjwt" => Ok(TimeRules::PyJwt),
            "firebase" => Ok(TimeRules::Firebase),
            _ => Err(err!(
                InvalidInput,
                "time_rules: {:?} is not one of precise, pyjwt, firebase",
                name.chars().take(32).collect::<String>()
            )),
        }
    }

    /// The rules' name, as [`TimeRules::from_name`] reads it.
    pub fn name(self) -> &'static str {
        match self {
            TimeRules::Precise => "precise",
            TimeRules::PyJwt => "pyjwt",
            TimeRules::Firebase => "firebase",
        }
    }
}

/// The time claims of a verified payload (probed while it was built), checked by the
/// options' rules. A claim is never rounded itself: "rounded down (or cut) to whole
/// seconds, later than a limit" is "at least the limit's next whole second", which
/// keeps every claim's arithmetic on present values only.
pub(crate) fn check_times(probe: &Probe<'_>, options: &VerifyOptions) -> Result<()> {
    let exp = numeric_date(probe, "exp")?.filter(|_| options.verify_exp);
    let signed_nbf = numeric_date(probe, "nbf")?;
    let nbf = signed_nbf.filter(|_| options.verify_nbf);
    let iat = numeric_date(probe, "iat")?.filter(|_| options.verify_iat);
    let leeway = options.leeway as f64;
    match options.time_rules {
        TimeRules::Precise => {
            // A fractional claim against the sub-second clock (see `precise_now`).
            let now = precise_now(options.now);
            let ahead = |time: f64| time > now + leeway;
            refuse_if("nbf", nbf, ahead, now, leeway)?;
            refuse_if("iat", iat, ahead, now, leeway)?;
            refuse_if("exp", exp, |exp| now >= exp + leeway, now, leeway)
        }
        TimeRules::PyJwt => {
            // int(claim) > now + leeway, and int(exp) <= now - leeway (claims >= 0).
            let now = precise_now(options.now);
            let next_second = (now + leeway).floor() + 1.0;
            let ahead = |time: f64| time >= next_second;
            refuse_if("iat", iat, ahead, now, leeway)?;
            refuse_if("nbf", nbf, ahead, now, leeway)?;
            let past = (now - leeway).floor() + 1.0;
            refuse_if("exp", exp, |exp| exp < past, now, leeway)
        }
        TimeRules::Firebase => {
            // floor(claim) > now + leeway with a whole-second now; exp as it is.
            let now = now_or_system(options.now) as f64;
            let ahead = |time: f64| time >= now + leeway + 1.0;
            refuse_if("nbf", nbf, ahead, now, leeway)?;
            refuse_if(
                "iat",
                iat.filter(|_| signed_nbf.is_none()),
                ahead,
                now,
                leeway,
            )?;
            refuse_if("exp", exp, |exp| now - leeway >= exp, now, leeway)
        }
    }
}

/// The refusal of a time claim (`claim` at `time`) when the rules' `test` holds:
/// `not_yet_valid` for `nbf` and `iat`, `expired` for `exp`, naming the claim.
fn refuse_if(
    claim: &'static str,
    time: Option<f64>,
    test: impl Fn(f64) -> bool,
    now: f64,
    leeway: f64,
) -> Result<()> {
    let Some(time) = time.filter(|time| test(*time)) else {
        return Ok(());
    };
    let clock = format!("(now {now}, leeway {leeway} s)");
    let (kind, message) = match claim {
        "nbf" => (
            ErrorKind::NotYetValid,
            format!("the token is not valid before {time} {clock}"),
        ),
        "iat" => (
            ErrorKind::NotYetValid,
            format!("the token was issued in the future, at {time} {clock}"),
        ),
        _ => (
            ErrorKind::Expired,
            format!("the token expired at {time} {clock}"),
        ),
    };
    Err(Error::new(kind, message).with_detail(Detail::claim(claim)))
}

/// The time-claim rule of [`numeric_date`] over claims given as a JSON object: each of
/// `exp`, `nbf` and `iat`, when present, a finite number ≥ 0 — for signers that must
/// not sign what `verify` refuses (`invalid_claim`, detail `claims.<name>`).
pub(crate) fn check_time_claims(claims: &Map<String, Value>) -> Result<()> {
    for name in TIME_CLAIMS {
        let Some(value) = claims.get(name) else {
            continue;
        };
        let valid = value
            .as_f64()
            .is_some_and(|time| time.is_finite() && time >= 0.0);
        if !valid {
            let what = if value.is_number() {
                "is not a valid date"
            } else {
                "is not a number"
            };
            return Err(err!(
                detail = Detail::claim(name);
                InvalidClaim,
                "claim {name:?} {what}"
            ));
        }
    }
    Ok(())
}

/// A NumericDate claim: absent, or a finite non-negative number.
fn numeric_date(probe: &Probe<'_>, name: &str) -> Result<Option<f64>> {
    match probe.get(name) {
        None => Ok(None),
        Some(Probed::Number(t)) if t.is_finite() && t >= 0.0 => Ok(Some(t)),
        Some(Probed::Number(_)) => Err(
            err!(detail = Detail::claim(name); InvalidClaim, "claim {name:?} is not a valid date"),
        ),
        Some(Probed::Other) => {
            Err(err!(detail = Detail::claim(name); InvalidClaim, "claim {name:?} is not a number"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{parse_with, ValueBuilder};

    /// The error name of `check_times` for one claim at `time`, the clock at `now`.
    fn judged(rules: TimeRules, claim: &str, time: f64, now: i64, leeway: u64) -> &'static str {
        let text = format!("{{\"{claim}\":{time:?}}}");
        let mut probe = Probe::new(&TIME_CLAIMS);
        parse_with(text.as_bytes(), &mut ValueBuilder::default(), &mut probe).unwrap();
        let options = VerifyOptions {
            leeway,
            now: Some(now),
            time_rules: rules,
            ..VerifyOptions::default()
        };
        match check_times(&probe, &options) {
            Ok(()) => "ok",
            Err(error) => error.kind().name(),
        }
    }

    #[test]
    fn the_peers_rules_are_their_own_formulas() {
        let times: [f64; 12] = [
            0.0, 0.5, 99.0, 99.5, 100.0, 100.5, 100.999, 101.0, 159.5, 160.0, 160.5, 161.0,
        ];
        for leeway in [0_u64, 60] {
            for time in times {
                let (now, l) = (100.0, leeway as f64);
                // PyJWT: int(claim) against the clock.
                let ahead = if time.trunc() > now + l {
                    "not_yet_valid"
                } else {
                    "ok"
                };
                assert_eq!(
                    judged(TimeRules::PyJwt, "nbf", time, 100, leeway),
                    ahead,
                    "{time} {leeway}"
                );
                assert_eq!(
                    judged(TimeRules::PyJwt, "iat", time, 100, leeway),
                    ahead,
                    "{time} {leeway}"
                );
                let past = if time.trunc() <= now - l {
                    "expired"
                } else {
                    "ok"
                };
                assert_eq!(
                    judged(TimeRules::PyJwt, "exp", time, 100, leeway),
                    past,
                    "{time} {leeway}"
                );
                // firebase: floor(claim) against a whole-second clock; exp as it is.
                let ahead = if time.floor() > now + l {
                    "not_yet_valid"
                } else {
                    "ok"
                };
                assert_eq!(
                    judged(TimeRules::Firebase, "nbf", time, 100, leeway),
                    ahead,
                    "{time} {leeway}"
                );
                assert_eq!(
                    judged(TimeRules::Firebase, "iat", time, 100, leeway),
                    ahead,
                    "{time} {leeway}"
                );
                let past = if now - l >= time { "expired" } else { "ok" };
                assert_eq!(
                    judged(TimeRules::Firebase, "exp", time, 100, leeway),
                    past,
                    "{time} {leeway}"
                );
                // precise: each claim as it is.
                let ahead = if time > now + l {
                    "not_yet_valid"
                } else {
                    "ok"
                };
                assert_eq!(
                    judged(TimeRules::Precise, "nbf", time, 100, leeway),
                    ahead,
                    "{time} {leeway}"
                );
                let past = if now >= time + l { "expired" } else { "ok" };
                assert_eq!(
                    judged(TimeRules::Precise, "exp", time, 100, leeway),
                    past,
                    "{time} {leeway}"
                );
            }
        }
    }

    #[test]
    fn firebase_checks_iat_only_without_nbf_and_pyjwt_names_iat_first() {
        let judge = |rules, text: &str| {
            let mut probe = Probe::new(&TIME_CLAIMS);
            parse_with(text.as_bytes(), &mut ValueBuilder::default(), &mut probe).unwrap();
            let options = VerifyOptions {
                leeway: 0,
                now: Some(100),
                time_rules: rules,
                ..VerifyOptions::default()
            };
            check_times(&probe, &options).map_err(|e| e.detail().map(ToString::to_string))
        };
        let both = r#"{"iat":200,"nbf":200}"#;
        assert_eq!(
            judge(TimeRules::PyJwt, both),
            Err(Some("claims.iat".into()))
        );
        assert_eq!(
            judge(TimeRules::Firebase, both),
            Err(Some("claims.nbf".into()))
        );
        assert_eq!(
            judge(TimeRules::Precise, both),
            Err(Some("claims.nbf".into()))
        );
        let iat_ahead = r#"{"iat":200,"nbf":50}"#;
        assert_eq!(judge(TimeRules::Firebase, iat_ahead), Ok(()));
        assert_eq!(
            judge(TimeRules::PyJwt, iat_ahead),
            Err(Some("claims.iat".into()))
        );
        assert_eq!(TimeRules::from_name("firebase").unwrap().name(), "firebase");
        // The Rust default is the table's.
        assert_eq!(
            TimeRules::default().name(),
            onlyoffice_jwt_table::defaults::TIME_RULES
        );
        assert_eq!(
            TimeRules::from_name("Firebase").unwrap_err().kind().name(),
            "invalid_input"
        );
    }
}
