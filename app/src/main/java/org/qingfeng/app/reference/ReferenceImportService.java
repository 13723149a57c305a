package org.qingfeng.app.reference;

import java.util.List;
import org.qingfeng.config.reference.Drug;
import org.qingfeng.config.reference.Enterprise;
import org.qingfeng.config.reference.ReferenceCsv;
import org.qingfeng.config.reference.StaffMember;
import org.springframework.transaction.support.TransactionTemplate;

/** Imports reference CSV files: a file is parsed whole first, then replaces its table in one transaction. */
public class ReferenceImportService {

    private final ReferenceRepository repository;
    private final ReferenceCache cache;
    private final TransactionTemplate tx;

    public ReferenceImportService(ReferenceRepository repository, ReferenceCache cache, TransactionTemplate tx) {
        this.repository = repository;
        this.cache = cache;
        this.tx = tx;
    }

    public int importDrugs(byte[] csv) {
        List<Drug> drugs = ReferenceCsv.drugs(csv);
        tx.executeWithoutResult(s -> repository.replaceDrugs(drugs));
        cache.reload();
        return drugs.size();
    }

    public int importStaff(byte[] csv) {
        List<StaffMember> staff = ReferenceCsv.staff(csv);
        tx.executeWithoutResult(s -> repository.replaceStaff(staff));
        cache.reload();
        return staff.size();
    }

    public int importEnterprises(byte[] csv) {
        List<Enterprise> enterprises = ReferenceCsv.enterprises(csv);
        tx.executeWithoutResult(s -> repository.replaceEnterprises(enterprises));
        cache.reload();
        return enterprises.size();
    }

    /** Approved statisticians and their tickets (read when each query is checked; nothing cached). */
    public int importStatisticians(byte[] csv) {
        List<ReferenceCsv.Statistician> rows = ReferenceCsv.statisticians(csv);
        tx.executeWithoutResult(s -> repository.replaceStatisticians(rows));
        return rows.size();
    }

    /** Database and application accounts and the people behind them. */
    public int importAccounts(byte[] csv) {
        List<ReferenceCsv.Account> rows = ReferenceCsv.accounts(csv);
        tx.executeWithoutResult(s -> repository.replaceAccounts(rows));
        return rows.size();
    }
}
