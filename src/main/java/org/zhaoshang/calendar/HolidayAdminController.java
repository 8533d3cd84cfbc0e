package org.zhaoshang.calendar;

import java.util.List;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.zhaoshang.identity.CurrentUser;

/**
 * {@code /api/admin/holidays}: administrators read the years of holiday data and where each comes from,
 * enter or replace a year ({@code PUT /{year}} with {@code {"source", "holidays": [{"name", "from", "to"}],
 * "workdays": [{"date", "name"}]}}) and remove their entry ({@code DELETE /{year}}, the file applies again).
 */
@RestController
@RequestMapping("/api/admin/holidays")
class HolidayAdminController {

    /** A year with its change history. */
    record YearDetail(HolidayAdminService.YearView year, List<HolidayAdminService.ChangeView> changes) {
    }

    private final HolidayAdminService holidays;

    HolidayAdminController(HolidayAdminService holidays) {
        this.holidays = holidays;
    }

    @GetMapping
    List<HolidayAdminService.YearView> list() {
        return holidays.years();
    }

    @GetMapping("/{year}")
    YearDetail get(@PathVariable int year) {
        return new YearDetail(holidays.year(year), holidays.changes(year));
    }

    @PutMapping("/{year}")
    HolidayAdminService.YearView save(@PathVariable int year, @RequestBody HolidayInput input) {
        return holidays.save(year, input, CurrentUser.get().id()).year();
    }

    @DeleteMapping("/{year}")
    HolidayAdminService.YearView remove(@PathVariable int year) {
        return holidays.remove(year, CurrentUser.get().id());
    }
}
