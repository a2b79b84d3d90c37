//! One paging rule for long lists (issue 17): a page number from the query (`?page=`, from
//! 1), a fixed page size, a number past the end shows the last page, and the links to the
//! pages before and after keep every other parameter of the query. Lists that are paged
//! show nothing less than all their rows, one page at a time.

use std::ops::Range;

/// Where a list stands: which page, how many, and the links around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    pub page: usize,
    pub pages: usize,
    pub total: usize,
    size: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// The pager of a list of `total` rows shown `size` at a time, at the `requested` page;
    /// `link` makes a page's address.
    pub fn new(
        requested: Option<i64>,
        total: usize,
        size: usize,
        link: impl Fn(usize) -> String,
    ) -> Self {
        debug_assert!(size > 0, "a page holds at least one row");
        let size = size.max(1);
        let pages = total.div_ceil(size).max(1);
        let page = usize::try_from(requested.unwrap_or(1))
            .unwrap_or(1)
            .clamp(1, pages);
        Self {
            page,
            pages,
            total,
            size,
            prev: (page > 1).then(|| link(page - 1)),
            next: (page < pages).then(|| link(page + 1)),
        }
    }

    /// The rows of the current page.
    pub fn range(&self) -> Range<usize> {
        let start = (self.page - 1) * self.size;
        start.min(self.total)..(start + self.size).min(self.total)
    }

    /// Keeps only the current page's rows of `rows` (the whole list).
    pub fn take<T>(&self, rows: Vec<T>) -> Vec<T> {
        let r = self.range();
        rows.into_iter().skip(r.start).take(r.len()).collect()
    }
}

/// `path` with the query `pairs` (without any `page`) and `page`, then `fragment` (with its
/// `#`, or empty).
pub fn page_link(path: &str, pairs: &[(String, String)], page: usize, fragment: &str) -> String {
    let mut q: Vec<(&str, &str)> = pairs
        .iter()
        .filter(|(k, _)| k != "page")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let page = page.to_string();
    q.push(("page", &page));
    let query = serde_urlencoded::to_string(&q).unwrap_or_default();
    format!("{path}?{query}{fragment}")
}

/// The pairs of a raw query string (none when it does not parse).
pub fn query_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    raw.and_then(|q| serde_urlencoded::from_str(q).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(n: usize) -> String {
        format!("?page={n}")
    }

    #[test]
    fn pages_cover_every_row_once() {
        let total = 123;
        let first = Pager::new(None, total, 50, link);
        assert_eq!((first.page, first.pages), (1, 3));
        assert_eq!(first.prev, None);
        assert_eq!(first.next.as_deref(), Some("?page=2"));
        let mut seen = Vec::new();
        for n in 1..=3 {
            seen.extend(Pager::new(Some(n), total, 50, link).range());
        }
        assert_eq!(seen, (0..total).collect::<Vec<_>>());
    }

    #[test]
    fn a_page_past_the_end_or_below_one_shows_a_real_page() {
        let last = Pager::new(Some(99), 120, 50, link);
        assert_eq!((last.page, last.range()), (3, 100..120));
        assert_eq!(last.next, None);
        assert_eq!(Pager::new(Some(-4), 120, 50, link).page, 1);
        let empty = Pager::new(Some(2), 0, 50, link);
        assert_eq!((empty.page, empty.pages, empty.range()), (1, 1, 0..0));
    }

    #[test]
    fn links_keep_the_other_parameters() {
        let pairs = query_pairs(Some("status=closed&page=2&category=3"));
        assert_eq!(
            page_link("/cases", &pairs, 3, "#list"),
            "/cases?status=closed&category=3&page=3#list"
        );
    }
}
