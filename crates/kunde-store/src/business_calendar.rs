//! Each workspace's business calendar: opening hours per weekday, holidays and time zone
//! (see `kunde_domain::business_hours`). A workspace that never saved one gets office hours
//! (Monday to Friday 09:00–17:00) in the zone its language suggests, so service targets work
//! from the first day.

use crate::{Result, Store, StoreError, transaction, with_pool};
use kunde_domain::business_hours::{BusinessCalendar, Date, Interval};
use kunde_domain::{Language, WorkspaceId};

/// The zone a new workspace's calendar starts in, from its language; the owner can change it.
pub fn default_time_zone(language: Language) -> &'static str {
    match language {
        Language::Da => "Europe/Copenhagen",
        Language::Sv => "Europe/Stockholm",
        Language::Tl => "Asia/Manila",
        Language::En => "Europe/London",
    }
}

impl Store {
    /// The workspace's business calendar, or office hours in its language's zone when the
    /// owner has not set one.
    pub async fn business_calendar(&self, ws: WorkspaceId) -> Result<BusinessCalendar> {
        Ok(self.business_calendar_saved(ws).await?.0)
    }

    /// The calendar and whether the owner has saved it (false: the defaults are shown).
    pub async fn business_calendar_saved(
        &self,
        ws: WorkspaceId,
    ) -> Result<(BusinessCalendar, bool)> {
        let zone: Option<(String,)> = with_pool!(self, pool => {
            sqlx::query_as("SELECT time_zone FROM business_calendars WHERE workspace_id = $1")
                .bind(ws.0)
                .fetch_optional(pool)
                .await?
        });
        let Some((zone,)) = zone else {
            let workspace = self.get_workspace(ws).await?;
            let calendar =
                BusinessCalendar::office_hours(default_time_zone(workspace.default_language))
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            return Ok((calendar, false));
        };
        let hours: Vec<(i64, i64, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT weekday, start_minute, end_minute FROM business_hours
                 WHERE workspace_id = $1 ORDER BY weekday, start_minute",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?
        });
        let holidays: Vec<(String, String)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT day, name FROM business_holidays WHERE workspace_id = $1 ORDER BY day",
            )
            .bind(ws.0)
            .fetch_all(pool)
            .await?
        });
        let corrupt = |what: String| StoreError::Corrupt(format!("business calendar: {what}"));
        let mut week: [Vec<Interval>; 7] = Default::default();
        for (day, start, end) in hours {
            let interval = u16::try_from(start)
                .ok()
                .zip(u16::try_from(end).ok())
                .and_then(|(s, e)| Interval::new(s, e).ok())
                .ok_or_else(|| corrupt(format!("interval {start}-{end}")))?;
            week.get_mut(day as usize)
                .ok_or_else(|| corrupt(format!("weekday {day}")))?
                .push(interval);
        }
        let holidays = holidays
            .into_iter()
            .map(|(day, name)| {
                let date: Date = day.parse().map_err(|_| corrupt(format!("date {day}")))?;
                Ok((date, name))
            })
            .collect::<Result<Vec<_>>>()?;
        let calendar =
            BusinessCalendar::new(&zone, week, holidays).map_err(|e| corrupt(e.to_string()))?;
        Ok((calendar, true))
    }

    /// Replaces the workspace's calendar (zone, every interval and every holiday) at once.
    pub async fn save_business_calendar(
        &self,
        ws: WorkspaceId,
        calendar: &BusinessCalendar,
        now: i64,
    ) -> Result<()> {
        with_pool!(self, pool => transaction!(pool, tx => {
            sqlx::query(
                "INSERT INTO business_calendars (workspace_id, time_zone, updated_at)
                 VALUES ($1, $2, $3)
                 ON CONFLICT (workspace_id) DO UPDATE SET time_zone = $2, updated_at = $3",
            )
            .bind(ws.0)
            .bind(calendar.time_zone_name())
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM business_hours WHERE workspace_id = $1")
                .bind(ws.0)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM business_holidays WHERE workspace_id = $1")
                .bind(ws.0)
                .execute(&mut *tx)
                .await?;
            for (day, intervals) in calendar.week().iter().enumerate() {
                for iv in intervals {
                    sqlx::query(
                        "INSERT INTO business_hours (workspace_id, weekday, start_minute, end_minute)
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(ws.0)
                    .bind(day as i64)
                    .bind(i64::from(iv.start_minute()))
                    .bind(i64::from(iv.end_minute()))
                    .execute(&mut *tx)
                    .await?;
                }
            }
            for (date, name) in calendar.holidays() {
                sqlx::query(
                    "INSERT INTO business_holidays (workspace_id, day, name) VALUES ($1, $2, $3)",
                )
                .bind(ws.0)
                .bind(date.to_string())
                .bind(name)
                .execute(&mut *tx)
                .await?;
            }
            Ok(())
        }))
    }
}
