# "Kubernetes in Action" (seed 001) wrote its CronJob against batch/v1beta1, which Kubernetes 1.25
# stopped serving. The same CronJob as batch/v1: every 15 minutes, at most 15 s late.
kubectl create -f - <<YAML
apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: batch-job-every-fifteen-minutes
spec:
  schedule: "0,15,30,45 * * * *"
  startingDeadlineSeconds: 15
  jobTemplate:
    spec:
      template:
        metadata:
          labels:
            app: periodic-batch-job
        spec:
          restartPolicy: OnFailure
          containers:
            - name: main
              image: idealism/batch-job
YAML
kubectl create -f - <<YAML
apiVersion: batch/v1
kind: CronJob
metadata:
  name: batch-job-every-fifteen-minutes
spec:
  schedule: "0,15,30,45 * * * *"
  startingDeadlineSeconds: 15
  jobTemplate:
    spec:
      template:
        metadata:
          labels:
            app: periodic-batch-job
        spec:
          restartPolicy: OnFailure
          containers:
            - name: main
              image: idealism/batch-job
YAML
sim advance 8s
kubectl get cronjobs
sim advance 15m
kubectl get cronjobs
kubectl get jobs
