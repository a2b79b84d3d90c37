-- The discount code an order was placed with (Shopify's `Discount Code` column, or typed by
-- staff), so a campaign's offer codes are counted as redeemed (issue 15).
ALTER TABLE orders ADD COLUMN discount_code TEXT;
CREATE INDEX orders_discount_code ON orders(workspace_id, discount_code);
