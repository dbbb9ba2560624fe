# project lists as exporting systems write their headers: CamelCase
# (a fund gateway: ProjectBudget is the allocation, NetFundedAmount the
# transfers, not read), snake_case (an IATI datastore export:
# budget_value with budget_value_currency), an FTS export (amountUSD,
# originalCurrency, destinationObjects_Location.name, budgetYear): mapped
# without --map
$BIN extract export_gateway.csv export_iati.csv export_fts.csv | cut -f1-11,14
