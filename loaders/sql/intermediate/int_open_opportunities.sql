-- Open opportunities at D (created on or before D), any type.
select * from int_opportunities where stage = 'open'
