package org.tributary.command.datapackage;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.tributary.domain.datapackage.DataPackage;
import org.tributary.domain.datapackage.api.CreatePackage;
import org.tributary.domain.datapackage.api.CreatePackages;
import org.tributary.domain.shared.Ids;
import org.tributary.domain.shared.InvalidInput;

import java.util.ArrayList;
import java.util.List;

/**
 * Handles a bulk upload: each package is created as {@link CreatePackage} creates one (the aggregate judges it), all
 * in this command's unit of work, so their events are appended in one transaction — or none, if any is refused.
 */
@Component
class PackageBatches {

    private final ObjectProvider<Configuration> axon;
    private final Ids ids;

    PackageBatches(ObjectProvider<Configuration> axon, Ids ids) {
        this.axon = axon;
        this.ids = ids;
    }

    /** @return the new packages' ids, in the command's order */
    @CommandHandler
    public List<Long> handle(CreatePackages command) {
        List<CreatePackage> packages = DataPackage.checkBatch(command.packages());
        Repository<DataPackage> repository = axon.getObject().repository(DataPackage.class);
        List<Long> created = new ArrayList<>(packages.size());
        for (int i = 0; i < packages.size(); i++) {
            CreatePackage one = packages.get(i);
            if (one.projectId() != command.projectId()) {
                throw new InvalidInput("packages[" + i + "]", "every package of a bulk upload is of its project");
            }
            try {
                created.add(repository.newInstance(() -> DataPackage.create(one, ids)).invoke(DataPackage::id));
            } catch (InvalidInput e) {
                throw new InvalidInput("packages[" + i + "]." + e.field(), e.getMessage());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("package " + i + " of the bulk upload could not be created", e);
            }
        }
        return created;
    }
}
