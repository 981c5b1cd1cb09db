-- One row per day, 2000-01-01 to 2030-12-31, with the calendar parts periods are stated in.

with

days as (
    select cast(generate_series as date) as date_day
    from generate_series(date '2000-01-01', date '2030-12-31', interval 1 day)
),

final as (
    select
        date_day,
        cast(year(date_day) as integer) as year,
        cast(if(month(date_day) <= 6, 1, 2) as integer) as semester,
        cast(quarter(date_day) as integer) as quarter,
        cast(month(date_day) as integer) as month,
        monthname(date_day) as month_name,
        cast(day(date_day) as integer) as day_of_month,
        cast(isodow(date_day) as integer) as day_of_week,
        dayname(date_day) as day_name,
        isodow(date_day) >= 6 as is_weekend,
        -- The period codes of the facts contract: '2020-11', '2017-Q4', '2020-H1'.
        strftime(date_day, '%Y-%m') as year_month,
        strftime(date_day, '%Y') || '-Q' || quarter(date_day) as year_quarter,
        strftime(date_day, '%Y') || '-H' || if(month(date_day) <= 6, 1, 2) as year_semester
    from days
)

select * from final
